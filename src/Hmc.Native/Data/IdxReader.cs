using System.Buffers.Binary;
using System.IO.Compression;

namespace Hmc.Native.Data;

/// <summary>
/// Reads IDX files of unsigned bytes (LeCun, Cortes and Burges, "The MNIST database of handwritten digits": a
/// big-endian header of a magic number 0x0000 08 nd, nd dimension sizes, then the bytes row-major), plain or gzip
/// compressed (recognised by the gzip magic bytes 1f 8b, whatever the file name).
/// </summary>
/// <remarks>
/// Every malformed file throws <see cref="InvalidDataException"/> whose message names the file and the fault: too
/// short for its header, a magic number that is not IDX or not the kind expected, a type other than unsigned byte,
/// data shorter than the header declares, trailing bytes after the data (checked when every item is read), or
/// corrupt gzip data.
/// </remarks>
public static class IdxReader
{
    /// <summary>The magic number of an IDX file of images: unsigned bytes, three dimensions [count, rows, columns].</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>The magic number of an IDX file of labels: unsigned bytes, one dimension [count].</summary>
    public const int LabelsMagic = 0x00000801;

    private const byte UnsignedByteType = 0x08;

    /// <summary>Reads the first <paramref name="maxItems"/> items (all by default) of an IDX file of unsigned bytes.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is malformed (see the remarks).</exception>
    public static IdxArray Read(string path, int maxItems = int.MaxValue) => Read(path, maxItems, expectedMagic: null);

    /// <summary>Reads the first <paramref name="maxItems"/> images (all by default) of an IDX image file (magic 0x00000803).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is malformed or is not an image file.</exception>
    public static IdxArray ReadImages(string path, int maxItems = int.MaxValue) => Read(path, maxItems, ImagesMagic);

    /// <summary>Reads the first <paramref name="maxItems"/> labels (all by default) of an IDX label file (magic 0x00000801).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is malformed or is not a label file.</exception>
    public static IdxArray ReadLabels(string path, int maxItems = int.MaxValue) => Read(path, maxItems, LabelsMagic);

    /// <summary>True when <paramref name="path"/> starts with the gzip magic bytes 1f 8b.</summary>
    public static bool IsGzip(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> head = stackalloc byte[2];
        return file.ReadAtLeast(head, 2, throwOnEndOfStream: false) == 2 && head[0] == 0x1f && head[1] == 0x8b;
    }

    private static IdxArray Read(string path, int maxItems, int? expectedMagic)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegative(maxItems);
        if (!File.Exists(path)) throw new FileNotFoundException($"The IDX file '{path}' does not exist.", path);
        bool gzip = IsGzip(path);
        using var file = File.OpenRead(path);
        using Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        try
        {
            return ReadStream(stream, path, maxItems, expectedMagic);
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: corrupt gzip data ({e.Message}).", e);
        }
    }

    private static IdxArray ReadStream(Stream stream, string path, int maxItems, int? expectedMagic)
    {
        Span<byte> word = stackalloc byte[4];
        if (stream.ReadAtLeast(word, 4, throwOnEndOfStream: false) < 4)
            throw Fault(path, "the file is too short to hold an IDX header (4 bytes of magic number)");
        int magic = BinaryPrimitives.ReadInt32BigEndian(word);
        if (word[0] != 0 || word[1] != 0 || word[3] == 0)
            throw Fault(path, $"the magic number 0x{magic:X8} is not that of an IDX file (0x0000TTDD: two zero bytes, a type, a dimension count ≥ 1)");
        if (word[2] != UnsignedByteType)
            throw Fault(path, $"the data type 0x{word[2]:X2} is not supported; only unsigned bytes (0x08) are");
        if (expectedMagic is { } expected && magic != expected)
            throw Fault(path, $"the magic number is 0x{magic:X8} ({Describe(magic)}) but 0x{expected:X8} ({Describe(expected)}) is expected");
        var dims = new int[word[3]];
        for (int d = 0; d < dims.Length; d++)
        {
            if (stream.ReadAtLeast(word, 4, throwOnEndOfStream: false) < 4)
                throw Fault(path, $"the header ends before dimension {d + 1} of {dims.Length}");
            dims[d] = BinaryPrimitives.ReadInt32BigEndian(word);
            if (dims[d] < 0) throw Fault(path, $"dimension {d + 1} is negative ({dims[d]})");
        }
        long itemLength = 1;
        for (int d = 1; d < dims.Length; d++) itemLength *= dims[d];
        int count = Math.Min(dims[0], maxItems);
        long bytes = count * itemLength;
        if (bytes > Array.MaxLength) throw Fault(path, $"{count} items of {itemLength} bytes do not fit in one array");
        var data = new byte[bytes];
        int read = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        if (read < data.Length)
            throw Fault(path, $"the file is truncated: the header declares {dims[0]} items of {itemLength} bytes " +
                $"({dims[0] * itemLength} data bytes) but the data ends after {read} bytes");
        if (count == dims[0] && stream.ReadByte() >= 0)
            throw Fault(path, $"the file has bytes after the {dims[0]} items of {itemLength} bytes that its header declares");
        dims[0] = count;
        return new IdxArray(magic, dims, data);
    }

    private static string Describe(int magic) => magic switch
    {
        ImagesMagic => "unsigned-byte images",
        LabelsMagic => "unsigned-byte labels",
        _ => $"{magic & 0xFF} dimensions",
    };

    private static InvalidDataException Fault(string path, string what) => new($"{path}: {what}.");
}
