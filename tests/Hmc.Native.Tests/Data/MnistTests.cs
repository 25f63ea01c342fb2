using System.IO.Compression;
using Hmc.Native.Data;

namespace Hmc.Native.Tests.Data;

public class MnistTests
{
    private static readonly string[] Files =
        [Mnist.TrainImagesFile, Mnist.TrainLabelsFile, Mnist.TestImagesFile, Mnist.TestLabelsFile];

    /// <summary>The repository root: the first ancestor of the test binaries holding Hmc.Native.sln.</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Hmc.Native.sln"))) return dir.FullName;
        throw new InvalidOperationException("Hmc.Native.sln not found above " + AppContext.BaseDirectory);
    }

    private static string FullMnistOrIgnore()
    {
        string dir = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "data", "mnist"));
        if (!Files.All(f => File.Exists(Path.Combine(dir, f)))) Assert.Ignore($"The full MNIST files are not in {dir}.");
        return dir;
    }

    /// <summary>The raw bytes after the header of a gzip IDX file, decompressed independently of IdxReader.</summary>
    private static byte[] RawItems(string path, int headerLength, int length)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        var bytes = new byte[headerLength + length];
        gz.ReadExactly(bytes);
        return bytes[headerLength..];
    }

    [Test]
    public void FullDataMatchesTheRawBytesFormula()
    {
        string dir = FullMnistOrIgnore();
        var data = Mnist.Load<float>(dir, train: 1000, validation: 500);
        Assert.That(data.Train.Count, Is.EqualTo(1000));
        Assert.That(data.Validation.Count, Is.EqualTo(500));
        Assert.That(data.Train.Images, Has.Length.EqualTo(1000 * 784));
        Assert.That(data.Train.ImageShape.ToArray(), Is.EqualTo(new[] { 1000, 1, 28, 28 }));
        Assert.That(data.Train.Labels[..10], Is.EqualTo(new[] { 5, 0, 4, 1, 9, 2, 1, 3, 1, 4 }));
        Assert.That(data.Validation.Labels[..10], Is.EqualTo(new[] { 7, 2, 1, 0, 4, 1, 4, 9, 5, 9 }));
        Assert.That(data.Train.Labels.Concat(data.Validation.Labels), Is.All.InRange(0, 9));
        var rawTrain = RawItems(Path.Combine(dir, Mnist.TrainImagesFile), 16, 1000 * 784);
        var rawTest = RawItems(Path.Combine(dir, Mnist.TestImagesFile), 16, 500 * 784);
        for (int i = 0; i < rawTrain.Length; i++)
            Assert.That(data.Train.Images[i], Is.EqualTo((float)((rawTrain[i] / 255.0 - 0.1307) / 0.3081)), $"train pixel {i}");
        for (int i = 0; i < rawTest.Length; i++)
            Assert.That(data.Validation.Images[i], Is.EqualTo((float)((rawTest[i] / 255.0 - 0.1307) / 0.3081)), $"test pixel {i}");
        Assert.That(data.Train.Images.Min(), Is.EqualTo((float)(-0.1307 / 0.3081)));
        Assert.That(data.Train.Images.Max(), Is.EqualTo((float)((1 - 0.1307) / 0.3081)));
    }

    [Test]
    public void ShippedSubsetIsTheFirstThousandDigitsOfTheFullData()
    {
        string subset = Path.Combine(RepositoryRoot(), "data", "mnist-subset");
        var small = Mnist.Load<double>(subset, 1000, 1000);
        Assert.That(small.Train.Labels, Is.All.InRange(0, 9));
        Assert.That(small.Validation.Labels, Is.All.InRange(0, 9));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Mnist.Load<double>(subset, 1001, 0));
        Assert.That(ex!.Message, Does.Contain("1001 digits").And.Contain("holds only 1000"));
        var full = Mnist.Load<double>(FullMnistOrIgnore(), 1000, 1000);
        Assert.That(small.Train.Images, Is.EqualTo(full.Train.Images));
        Assert.That(small.Train.Labels, Is.EqualTo(full.Train.Labels));
        Assert.That(small.Validation.Images, Is.EqualTo(full.Validation.Images));
        Assert.That(small.Validation.Labels, Is.EqualTo(full.Validation.Labels));
    }

    [Test]
    public void DefaultDirectoryPrefersAnExplicitOneAndOtherwiseFindsTheFiles()
    {
        Assert.That(Mnist.DefaultDirectory("some/where"), Is.EqualTo(Path.GetFullPath("some/where")));
        string found = Mnist.DefaultDirectory();
        Assert.That(Files.All(f => File.Exists(Path.Combine(found, f))), Is.True, found);
        Assert.That(found, Does.EndWith(Path.Combine("shared", "data", "mnist")).Or.EndWith(Path.Combine("data", "mnist-subset")));
    }

    [Test]
    public void MissingFilesSayWhichAndWhere()
    {
        string dir = Path.Combine(Path.GetTempPath(), "mnist-missing-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllBytes(Path.Combine(dir, "train-images-idx3-ubyte"), IdxReaderTests.Idx(IdxReader.ImagesMagic, [1, 28, 28], new byte[784]));
            var ex = Assert.Throws<FileNotFoundException>(() => Mnist.Load<double>(dir, 1, 1));
            Assert.That(ex!.Message, Does.Contain(dir).And.Contain("train-labels-idx1-ubyte.gz").And.Contain("t10k-images-idx3-ubyte.gz")
                .And.Contain("--data DIR"));
            Assert.That(ex.Message, Does.Not.Contain("missing in " + dir + ": train-images"));
            Assert.Throws<FileNotFoundException>(() => Mnist.Load<double>(Path.Combine(dir, "nowhere"), 1, 0));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void SyntheticFilesLoadWithTheFormulaAndBadLabelsThrow()
    {
        string dir = Path.Combine(Path.GetTempPath(), "mnist-synthetic-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var pixels = Enumerable.Range(0, 3 * 784).Select(i => (byte)(i % 256)).ToArray();
            File.WriteAllBytes(Path.Combine(dir, Mnist.TrainImagesFile), IdxReaderTests.Gzip(IdxReaderTests.Idx(IdxReader.ImagesMagic, [3, 28, 28], pixels)));
            File.WriteAllBytes(Path.Combine(dir, "train-labels-idx1-ubyte"), IdxReaderTests.Idx(IdxReader.LabelsMagic, [3], [3, 9, 0]));
            var data = Mnist.Load<double>(dir, 3, 0);
            Assert.That(data.Train.Labels, Is.EqualTo(new[] { 3, 9, 0 }));
            Assert.That(data.Validation.Count, Is.Zero);
            for (int i = 0; i < pixels.Length; i++)
                Assert.That(data.Train.Images[i], Is.EqualTo((pixels[i] / 255.0 - 0.1307) / 0.3081));
            Assert.That(data.Train.ImageTensor().Shape.ToArray(), Is.EqualTo(new[] { 3, 1, 28, 28 }));

            File.WriteAllBytes(Path.Combine(dir, "train-labels-idx1-ubyte"), IdxReaderTests.Idx(IdxReader.LabelsMagic, [3], [3, 10, 0]));
            var ex = Assert.Throws<InvalidDataException>(() => Mnist.Load<double>(dir, 3, 0));
            Assert.That(ex!.Message, Does.Contain("label 1 is 10"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
