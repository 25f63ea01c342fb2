using System.Buffers.Binary;

namespace Hmc.Native.Tests.Figures;

/// <summary>Reads what a test needs of a PNG file: the 8-byte signature and the image size from the IHDR chunk.</summary>
internal static class PngFile
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Asserts that <paramref name="path"/> is a PNG and returns its width and height.</summary>
    public static (int Width, int Height) Size(string path)
    {
        Assert.That(File.Exists(path), Is.True, $"{path} was not written");
        var bytes = File.ReadAllBytes(path);
        Assert.That(bytes.Length, Is.GreaterThan(33), "too short for a PNG header");
        Assert.That(bytes[..8], Is.EqualTo(Signature), "PNG signature");
        // The first chunk: 4-byte length (13), type "IHDR", then width and height as big-endian 32-bit integers.
        Assert.That(BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(8)), Is.EqualTo(13), "IHDR length");
        Assert.That(System.Text.Encoding.ASCII.GetString(bytes, 12, 4), Is.EqualTo("IHDR"));
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }
}
