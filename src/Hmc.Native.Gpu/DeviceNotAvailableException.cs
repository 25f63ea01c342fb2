using Hmc.Native.Tensors;

namespace Hmc.Native.Gpu;

/// <summary>
/// A device was requested that this machine does not have (no driver, no such GPU, or an index past the last one).
/// The message lists the devices that are present.
/// </summary>
public sealed class DeviceNotAvailableException : InvalidOperationException
{
    /// <summary>Creates the exception for a request of device <paramref name="requested"/> #<paramref name="index"/>.</summary>
    public DeviceNotAvailableException(Device requested, int index, IReadOnlyList<DeviceInfo> present)
        : base(BuildMessage(requested, index, present))
    {
        Requested = requested;
        Index = index;
        Present = present;
    }

    /// <summary>The requested kind of device.</summary>
    public Device Requested { get; }

    /// <summary>The requested index among devices of that kind.</summary>
    public int Index { get; }

    /// <summary>The devices that are present.</summary>
    public IReadOnlyList<DeviceInfo> Present { get; }

    private static string BuildMessage(Device requested, int index, IReadOnlyList<DeviceInfo> present)
    {
        int count = present.Count(d => d.Kind == requested);
        string what = count == 0
            ? $"No {requested} device is present"
            : $"{requested} device #{index} is not present ({count} {requested} device{(count == 1 ? "" : "s")} found)";
        return $"{what}. Present devices: {string.Join("; ", present)}.";
    }
}
