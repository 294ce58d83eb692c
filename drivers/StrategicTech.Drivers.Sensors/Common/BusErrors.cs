namespace StrategicTech.Drivers.Sensors.Common;

/// <summary>Which exceptions a System.Device.Gpio bus throws when the device or the bus misbehaves.</summary>
internal static class BusErrors
{
    /// <summary>True for the exceptions a bus transfer raises on a missing/failing device (not programming errors).</summary>
    public static bool IsBusFailure(Exception e) =>
        e is IOException or TimeoutException or UnauthorizedAccessException or InvalidOperationException;
}
