using System.Numerics;

namespace Hmc.Native.Data;

/// <summary>
/// Loads the MNIST handwritten digits from the four standard IDX files, normalised as torchvision's
/// <c>Normalize((0.1307,), (0.3081,))</c> after <c>ToTensor()</c>, the preprocessing of hamiltorch's MNIST examples.
/// </summary>
public static class Mnist
{
    /// <summary>The side of an image in pixels.</summary>
    public const int Side = 28;

    /// <summary>The mean pixel intensity (on [0, 1]) of the training set, subtracted before scaling.</summary>
    public const double Mean = 0.1307;

    /// <summary>The standard deviation of the training set's pixel intensities, divided by after centring.</summary>
    public const double StandardDeviation = 0.3081;

    /// <summary>The training images file.</summary>
    public const string TrainImagesFile = "train-images-idx3-ubyte.gz";

    /// <summary>The training labels file.</summary>
    public const string TrainLabelsFile = "train-labels-idx1-ubyte.gz";

    /// <summary>The test images file, the source of the validation digits.</summary>
    public const string TestImagesFile = "t10k-images-idx3-ubyte.gz";

    /// <summary>The test labels file.</summary>
    public const string TestLabelsFile = "t10k-labels-idx1-ubyte.gz";

    /// <summary>The folder, relative to the repository root, that holds the shipped subset (the first 1000 training and test digits).</summary>
    public const string SubsetFolder = "data/mnist-subset";

    private static readonly string[] FileNames = [TrainImagesFile, TrainLabelsFile, TestImagesFile, TestLabelsFile];

    /// <summary>
    /// Loads the first <paramref name="train"/> digits of the training files and the first <paramref name="validation"/>
    /// digits of the test files in <paramref name="directory"/>. Each file may be gzip compressed (the standard
    /// <c>.gz</c> names) or plain (the same names without <c>.gz</c>). Pixels become (x/255 − 0.1307)/0.3081, computed
    /// in double precision and rounded to <typeparamref name="T"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">A needed file is missing; the message names the files and where they go.</exception>
    /// <exception cref="InvalidDataException">A file is malformed, not 28×28 images, or holds a label outside 0..9.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or larger than its file holds.</exception>
    public static MnistData<T> Load<T>(string directory, int train, int validation) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentOutOfRangeException.ThrowIfNegative(train);
        ArgumentOutOfRangeException.ThrowIfNegative(validation);
        var needed = new List<string>();
        if (train > 0) needed.AddRange([TrainImagesFile, TrainLabelsFile]);
        if (validation > 0) needed.AddRange([TestImagesFile, TestLabelsFile]);
        var missing = needed.Where(f => Locate(directory, f) is null).ToArray();
        if (missing.Length > 0) throw MissingFiles(directory, missing);
        var trainSet = LoadDigits<T>(directory, TrainImagesFile, TrainLabelsFile, train, nameof(train));
        var validationSet = LoadDigits<T>(directory, TestImagesFile, TestLabelsFile, validation, nameof(validation));
        return new MnistData<T>(trainSet, validationSet, Path.GetFullPath(directory));
    }

    /// <summary>
    /// The directory to load MNIST from: <paramref name="explicitDirectory"/> when given; otherwise the first
    /// <c>shared/data/mnist</c> holding all four files in the current directory, the application's base directory or
    /// one of their ancestors (in this repository's layout, <c>../shared/data/mnist</c> beside the repository root);
    /// otherwise the shipped subset <see cref="SubsetFolder"/> found the same way.
    /// </summary>
    /// <exception cref="FileNotFoundException">No directory was given and neither the full data set nor the subset was found.</exception>
    public static string DefaultDirectory(string? explicitDirectory = null)
    {
        if (explicitDirectory is not null) return Path.GetFullPath(explicitDirectory);
        string[] starts = [Directory.GetCurrentDirectory(), AppContext.BaseDirectory];
        foreach (var relative in new[] { Path.Combine("shared", "data", "mnist"), SubsetFolder })
            foreach (var start in starts)
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    string candidate = Path.Combine(dir.FullName, relative);
                    if (FileNames.All(f => Locate(candidate, f) is not null)) return candidate;
                }
        throw new FileNotFoundException(
            $"No MNIST data found: neither shared/data/mnist nor {SubsetFolder} holds the four files above the current directory " +
            $"({starts[0]}) or the application directory ({starts[1]}). {Instructions}");
    }

    private static string Instructions =>
        $"Put the four MNIST files {string.Join(", ", FileNames)} (gzip, or uncompressed without the .gz) in one directory " +
        "and pass it with --data DIR.";

    private static FileNotFoundException MissingFiles(string directory, string[] missing)
    {
        string full = Path.GetFullPath(directory);
        string where = Directory.Exists(full) ? $"in {full}" : $"because the directory {full} does not exist";
        return new FileNotFoundException($"MNIST file(s) missing {where}: {string.Join(", ", missing)}. {Instructions}",
            Path.Combine(full, missing[0]));
    }

    /// <summary>The path of <paramref name="gzName"/> in <paramref name="directory"/>, or of its uncompressed twin, or null.</summary>
    private static string? Locate(string directory, string gzName)
    {
        string gz = Path.Combine(directory, gzName);
        if (File.Exists(gz)) return gz;
        string plain = Path.Combine(directory, Path.GetFileNameWithoutExtension(gzName));
        return File.Exists(plain) ? plain : null;
    }

    private static MnistDigits<T> LoadDigits<T>(string directory, string imagesName, string labelsName, int count, string parameter)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (count == 0) return new MnistDigits<T>([], []);
        string imagesPath = Locate(directory, imagesName)!, labelsPath = Locate(directory, labelsName)!;
        var images = IdxReader.ReadImages(imagesPath, count);
        if (images.Dimensions[1] != Side || images.Dimensions[2] != Side)
            throw new InvalidDataException($"{imagesPath}: the images are {images.Dimensions[1]}×{images.Dimensions[2]}, not {Side}×{Side}.");
        var labels = IdxReader.ReadLabels(labelsPath, count);
        int available = Math.Min(images.Count, labels.Count);
        if (available < count)
            throw new ArgumentOutOfRangeException(parameter,
                $"{count} digits were asked for but {(images.Count < count ? imagesPath : labelsPath)} holds only {available}.");
        var values = new T[images.Data.Length];
        for (int i = 0; i < values.Length; i++) values[i] = Normalise<T>(images.Data[i]);
        var classes = new int[count];
        for (int i = 0; i < count; i++)
        {
            classes[i] = labels.Data[i];
            if (classes[i] > 9) throw new InvalidDataException($"{labelsPath}: label {i} is {classes[i]}, outside 0..9.");
        }
        return new MnistDigits<T>(values, classes);
    }

    /// <summary>(x/255 − <see cref="Mean"/>)/<see cref="StandardDeviation"/> for a raw pixel byte x.</summary>
    public static T Normalise<T>(byte pixel) where T : unmanaged, IFloatingPointIeee754<T> =>
        T.CreateTruncating((pixel / 255.0 - Mean) / StandardDeviation);
}
