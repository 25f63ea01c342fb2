using System.Buffers.Binary;
using System.IO.Compression;
using Hmc.Native.Data;

namespace Hmc.Native.Tests.Data;

public class IdxReaderTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "idx-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    /// <summary>The bytes of an IDX file: big-endian magic, dimensions, then the data.</summary>
    internal static byte[] Idx(int magic, int[] dims, byte[] data)
    {
        var bytes = new byte[4 + 4 * dims.Length + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int d = 0; d < dims.Length; d++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), dims[d]);
        data.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    internal static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Optimal)) gz.Write(bytes);
        return output.ToArray();
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Pixels(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 7 % 256)).ToArray();

    [TestCase(false)]
    [TestCase(true)]
    public void ReadsImagesPlainOrGzipWhateverTheName(bool gzip)
    {
        var data = Pixels(3 * 4 * 5);
        var bytes = Idx(IdxReader.ImagesMagic, [3, 4, 5], data);
        string path = Write("images.idx", gzip ? Gzip(bytes) : bytes);
        Assert.That(IdxReader.IsGzip(path), Is.EqualTo(gzip));
        var all = IdxReader.ReadImages(path);
        Assert.That(all.Magic, Is.EqualTo(0x803));
        Assert.That(all.Dimensions, Is.EqualTo(new[] { 3, 4, 5 }));
        Assert.That(all.ItemLength, Is.EqualTo(20));
        Assert.That(all.Data, Is.EqualTo(data));
        var first = IdxReader.Read(path, maxItems: 2);
        Assert.That(first.Count, Is.EqualTo(2));
        Assert.That(first.Data, Is.EqualTo(data[..40]));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void TruncatedDataThrowsNamingTheFile(bool gzip)
    {
        var bytes = Idx(IdxReader.LabelsMagic, [10], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])[..^3];
        string path = Write("labels", gzip ? Gzip(bytes) : bytes);
        var ex = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));
        Assert.That(ex!.Message, Does.StartWith(path).And.Contain("truncated").And.Contain("10 items").And.Contain("after 7 bytes"));
        Assert.That(IdxReader.ReadLabels(path, 7).Data, Is.EqualTo(new byte[] { 0, 1, 2, 3, 4, 5, 6 }));
    }

    [Test]
    public void TruncatedGzipStreamThrowsNamingTheFile()
    {
        var gz = Gzip(Idx(IdxReader.ImagesMagic, [50, 28, 28], Pixels(50 * 784)));
        string path = Write("cut.gz", gz[..(gz.Length / 2)]);
        var ex = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        Assert.That(ex!.Message, Does.StartWith(path));
    }

    [Test]
    public void CorruptGzipThrowsNamingTheFile()
    {
        var gz = Gzip(Idx(IdxReader.LabelsMagic, [100], Pixels(100)));
        for (int i = 12; i < gz.Length - 8; i++) gz[i] ^= 0x5A;
        string path = Write("corrupt.gz", gz);
        var ex = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));
        Assert.That(ex!.Message, Does.StartWith(path));
    }

    [Test]
    public void WrongMagicThrowsWithTheMagicNumbers()
    {
        string notIdx = Write("text", "hello, world"u8.ToArray());
        var ex = Assert.Throws<InvalidDataException>(() => IdxReader.Read(notIdx));
        Assert.That(ex!.Message, Does.StartWith(notIdx).And.Contain("magic number 0x68656C6C").And.Contain("not that of an IDX file"));

        string labels = Write("labels", Idx(IdxReader.LabelsMagic, [2], [1, 2]));
        ex = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(labels));
        Assert.That(ex!.Message, Does.StartWith(labels).And.Contain("0x00000801").And.Contain("0x00000803"));

        string floats = Write("floats", Idx(0x00000D01, [1], [0, 0, 0, 0]));
        ex = Assert.Throws<InvalidDataException>(() => IdxReader.Read(floats));
        Assert.That(ex!.Message, Does.Contain("data type 0x0D"));
    }

    [Test]
    public void ShortHeadersAndTrailingBytesThrow()
    {
        string empty = Write("empty", []);
        Assert.That(Assert.Throws<InvalidDataException>(() => IdxReader.Read(empty))!.Message, Does.Contain("too short"));
        string cutHeader = Write("header", Idx(IdxReader.ImagesMagic, [1, 2, 2], [1, 2, 3, 4])[..9]);
        Assert.That(Assert.Throws<InvalidDataException>(() => IdxReader.Read(cutHeader))!.Message, Does.Contain("before dimension 2 of 3"));
        string extra = Write("extra", [.. Idx(IdxReader.LabelsMagic, [2], [1, 2]), 9]);
        Assert.That(Assert.Throws<InvalidDataException>(() => IdxReader.Read(extra))!.Message, Does.Contain("bytes after the 2 items"));
        Assert.Throws<FileNotFoundException>(() => IdxReader.Read(Path.Combine(_directory, "absent")));
    }
}
