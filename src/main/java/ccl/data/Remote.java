package ccl.data;

import java.net.URI;
import java.util.List;

/**
 * Where a dataset is published: a base URL and its files with their MD5. A file ending in .tar.gz
 * is an archive to extract; any other file is used as downloaded.
 */
public record Remote(String baseUrl, List<RemoteFile> files) {

    public record RemoteFile(String name, String md5) {}

    public Remote {
        files = List.copyOf(files);
    }

    /** The official source, with the MD5 sums published by torchvision (MNIST, FashionMNIST, STL-10) and on the CIFAR page. */
    public static Remote official(DatasetId id) {
        return switch (id) {
            case MNIST -> new Remote("https://ossci-datasets.s3.amazonaws.com/mnist/", List.of(
                    new RemoteFile("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
                    new RemoteFile("train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432"),
                    new RemoteFile("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3"),
                    new RemoteFile("t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c")));
            case FASHION_MNIST -> new Remote("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/", List.of(
                    new RemoteFile("train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
                    new RemoteFile("train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe"),
                    new RemoteFile("t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79"),
                    new RemoteFile("t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310")));
            case CIFAR10 -> new Remote("https://www.cs.toronto.edu/~kriz/", List.of(
                    new RemoteFile("cifar-10-binary.tar.gz", "c32a1d4ab5d03f1284b67883e8d87530")));
            case CIFAR100 -> new Remote("https://www.cs.toronto.edu/~kriz/", List.of(
                    new RemoteFile("cifar-100-binary.tar.gz", "03b5dce01913d631647c71ecec9e9cb8")));
            case STL10 -> new Remote("http://ai.stanford.edu/~acoates/stl10/", List.of(
                    new RemoteFile("stl10_binary.tar.gz", "91f7769df0f17e558f3565bffb0c7dfb")));
        };
    }

    URI uri(RemoteFile file) {
        return URI.create(baseUrl.endsWith("/") ? baseUrl + file.name() : baseUrl + "/" + file.name());
    }
}
