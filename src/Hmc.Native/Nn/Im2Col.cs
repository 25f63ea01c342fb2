using System.Numerics;
using System.Runtime.CompilerServices;

namespace Hmc.Native.Nn;

/// <summary>
/// The im2col lowering of a 2-D convolution (Chellapilla, Puri and Simard, "High performance convolutional neural
/// networks for document processing", 2006): the receptive fields of one image become the columns of a matrix, so
/// the convolution is one matrix product W[outC, C·kh·kw]·col[C·kh·kw, outH·outW] (see <see cref="Conv2dGeometry"/>). <see cref="Fold{T}"/> is the adjoint
/// (col2im): it adds every column entry back onto the pixel it was copied from.
/// </summary>
/// <remarks>
/// Row r = (c·kh + ki)·kw + kj, column q = oh·outW + ow of the matrix holds x[c, oh·stride − padding + ki,
/// ow·stride − padding + kj], or zero where that position lies in the padding. Rows are filled segment by segment:
/// with stride 1 each output row is one contiguous copy.
/// </remarks>
internal static unsafe class Im2Col
{
    /// <summary>Writes the [C·kh·kw, outH·outW] column matrix of one image x[C, H, W] into <paramref name="col"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Expand<T>(T* x, Conv2dGeometry g, T* col)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int kh = g.KernelHeight, kw = g.KernelWidth, s = g.Stride, pad = g.Padding;
        int height = g.Height, width = g.Width, outHeight = g.OutHeight, outWidth = g.OutWidth;
        for (int c = 0; c < g.InChannels; c++)
        {
            T* plane = x + (long)c * height * width;
            for (int ki = 0; ki < kh; ki++)
            {
                for (int kj = 0; kj < kw; kj++)
                {
                    T* row = col + (long)((c * kh + ki) * kw + kj) * outHeight * outWidth;
                    var (owFirst, owEnd) = ValidRange(kj, s, pad, width, outWidth);
                    for (int oh = 0; oh < outHeight; oh++)
                    {
                        T* dst = row + oh * outWidth;
                        int ih = oh * s - pad + ki;
                        if (ih < 0 || ih >= height || owFirst >= owEnd)
                        {
                            Zero(dst, outWidth);
                            continue;
                        }
                        Zero(dst, owFirst);
                        Zero(dst + owEnd, outWidth - owEnd);
                        T* src = plane + (long)ih * width - pad + kj;
                        if (s == 1) Copy(src + owFirst, dst + owFirst, owEnd - owFirst);
                        else for (int ow = owFirst; ow < owEnd; ow++) dst[ow] = src[ow * s];
                    }
                }
            }
        }
    }

    /// <summary>
    /// Writes the transpose of the column matrix, [outH·outW, C·kh·kw], of one image x[C, H, W] into
    /// <paramref name="colT"/>: row q holds the receptive field of output position q, so that ∂L/∂W += G·colᵀ is a
    /// product with a row-major right operand. <paramref name="colT"/> needs <see cref="Vector{T}.Count"/> elements of
    /// slack after the matrix.
    /// </summary>
    /// <remarks>
    /// Each kernel row is kw contiguous pixels. Away from the borders it is copied with whole vectors that may run up
    /// to Vector&lt;T&gt;.Count − 1 elements past its kw: the segments are written in increasing address order, so
    /// that overrun is always overwritten by the next segment (or lands in the slack after the last one).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ExpandTransposed<T>(T* x, Conv2dGeometry g, T* colT)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int kh = g.KernelHeight, kw = g.KernelWidth, s = g.Stride, pad = g.Padding, channels = g.InChannels, field = g.FieldLength;
        int height = g.Height, width = g.Width, outHeight = g.OutHeight, outWidth = g.OutWidth;
        int v = Vector<T>.Count, span = (kw + v - 1) / v * v;
        T* imageEnd = x + (long)channels * height * width;
        for (int oh = 0; oh < outHeight; oh++)
        {
            for (int ow = 0; ow < outWidth; ow++)
            {
                T* fieldStart = colT + (long)(oh * outWidth + ow) * field;
                int iw = ow * s - pad;
                int first = Math.Max(0, -iw), end = Math.Min(kw, width - iw);
                bool wholeRow = first == 0 && end == kw;
                for (int c = 0; c < channels; c++)
                {
                    for (int ki = 0; ki < kh; ki++)
                    {
                        T* dst = fieldStart + (c * kh + ki) * kw;
                        int ih = oh * s - pad + ki;
                        if (ih < 0 || ih >= height || first >= end)
                        {
                            Zero(dst, kw);
                            continue;
                        }
                        T* src = x + ((long)c * height + ih) * width + iw;
                        if (wholeRow && src + span <= imageEnd)
                        {
                            for (int i = 0; i < span; i += v) Vector.Store(Vector.Load(src + i), dst + i);
                            continue;
                        }
                        Zero(dst, first);
                        Zero(dst + end, kw - end);
                        Copy(src + first, dst + first, end - first);
                    }
                }
            }
        }
    }

    /// <summary>dx[C, H, W] += the pixels the column matrix <paramref name="col"/> was copied from (col2im).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Fold<T>(T* col, Conv2dGeometry g, T* dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int kh = g.KernelHeight, kw = g.KernelWidth, s = g.Stride, pad = g.Padding;
        int height = g.Height, width = g.Width, outHeight = g.OutHeight, outWidth = g.OutWidth;
        for (int c = 0; c < g.InChannels; c++)
        {
            T* plane = dx + (long)c * height * width;
            for (int ki = 0; ki < kh; ki++)
            {
                for (int kj = 0; kj < kw; kj++)
                {
                    T* row = col + (long)((c * kh + ki) * kw + kj) * outHeight * outWidth;
                    var (owFirst, owEnd) = ValidRange(kj, s, pad, width, outWidth);
                    if (owFirst >= owEnd) continue;
                    for (int oh = 0; oh < outHeight; oh++)
                    {
                        int ih = oh * s - pad + ki;
                        if (ih < 0 || ih >= height) continue;
                        T* src = row + oh * outWidth;
                        T* dst = plane + (long)ih * width - pad + kj;
                        if (s == 1)
                        {
                            Add(src + owFirst, dst + owFirst, owEnd - owFirst);
                        }
                        else
                        {
                            for (int ow = owFirst; ow < owEnd; ow++) dst[ow * s] += src[ow];
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Copies <paramref name="length"/> elements. Rows here are short (a few to a few dozen elements), so a plain
    /// vector loop beats the call overhead of the span helpers; the same holds for <see cref="Add{T}"/> and <see cref="Zero{T}"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy<T>(T* source, T* destination, int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        for (; i + Vector<T>.Count <= length; i += Vector<T>.Count) Vector.Store(Vector.Load(source + i), destination + i);
        for (; i < length; i++) destination[i] = source[i];
    }

    /// <summary>destination += source over <paramref name="length"/> elements.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add<T>(T* source, T* destination, int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        for (; i + Vector<T>.Count <= length; i += Vector<T>.Count)
            Vector.Store(Vector.Load(destination + i) + Vector.Load(source + i), destination + i);
        for (; i < length; i++) destination[i] += source[i];
    }

    /// <summary>Sets <paramref name="length"/> elements to zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Zero<T>(T* destination, int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        for (; i + Vector<T>.Count <= length; i += Vector<T>.Count) Vector.Store(Vector<T>.Zero, destination + i);
        for (; i < length; i++) destination[i] = T.Zero;
    }

    /// <summary>The output columns [first, end) whose input column ow·stride − padding + kj lies inside [0, width).</summary>
    private static (int First, int End) ValidRange(int kj, int stride, int padding, int width, int outWidth)
    {
        int lead = padding - kj;
        int first = lead <= 0 ? 0 : (lead + stride - 1) / stride;
        int last = width - 1 + padding - kj;
        int end = last < 0 ? 0 : Math.Min(outWidth, last / stride + 1);
        return (Math.Min(first, end), end);
    }
}
