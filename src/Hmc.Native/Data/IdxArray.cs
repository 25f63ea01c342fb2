namespace Hmc.Native.Data;

/// <summary>
/// The contents of an IDX file of unsigned bytes (the format of the MNIST files): the dimensions from its header and
/// the data in row-major order. The first dimension counts items (images, labels); the others give an item's shape.
/// </summary>
/// <param name="Magic">The magic number, 0x00000800 | (number of dimensions), e.g. 0x00000803 for images.</param>
/// <param name="Dimensions">The dimensions, with the first one reduced to the items actually read.</param>
/// <param name="Data">The bytes of the items read.</param>
public sealed record IdxArray(int Magic, int[] Dimensions, byte[] Data)
{
    /// <summary>The number of items read (the first dimension).</summary>
    public int Count => Dimensions[0];

    /// <summary>The bytes per item: the product of the dimensions after the first (1 for labels, 784 for MNIST images).</summary>
    public int ItemLength => Dimensions.Skip(1).Aggregate(1, (a, b) => a * b);
}
