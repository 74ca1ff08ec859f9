// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/data/FashionMnist.h"

#include "model/base/Error.h"
#include "model/data/IdxFormat.h"

#include <cstdlib>
#include <filesystem>

namespace sme {
namespace {

// name.gz in directory, else name, else empty.
std::string existing(const std::filesystem::path& directory, const std::string& name)
{
    std::error_code error;
    for (const std::string& candidate : {name + ".gz", name})
        if (std::filesystem::is_regular_file(directory / candidate, error))
            return (directory / candidate).string();
    return {};
}

} // namespace

std::string fashionMnistLocation()
{
    const char* chosen = std::getenv("SME_FASHION_MNIST_DIR");
    return chosen && *chosen ? std::string(chosen) : std::string(fashionMnistDirectory);
}

IdxFiles fashionMnistFiles(const std::string& directory)
{
    return {existing(directory, "train-images-idx3-ubyte"), existing(directory, "train-labels-idx1-ubyte")};
}

bool fashionMnistInstalled()
{
    return fashionMnistFiles(fashionMnistLocation()).found();
}

std::string fashionMnistMissingMessage()
{
    return "Fashion-MNIST is not installed (no train-images-idx3-ubyte.gz and "
           "train-labels-idx1-ubyte.gz in " + fashionMnistLocation()
        + "): install Debian's package dataset-fashion-mnist (apt install dataset-fashion-mnist)";
}

const std::array<std::string_view, 10>& fashionMnistClassNames()
{
    static const std::array<std::string_view, 10> names{
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};
    return names;
}

Dataset loadFashionMnist(const Progress& progress)
{
    const IdxFiles files = fashionMnistFiles(fashionMnistLocation());
    require(files.found(), fashionMnistMissingMessage());
    Dataset data = loadIdx(files.images, files.labels, progress);
    data.name = "Fashion-MNIST";
    // English in every interface language: they are the data set's own names, as published.
    for (std::size_t label = 0; label < fashionMnistClassNames().size(); ++label)
        data.classNames.emplace(int(label), std::string(fashionMnistClassNames()[label]));
    return data;
}

} // namespace sme
