using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Comms;

/// <summary>
/// Turns the cumulative vibration sums of <see cref="VehicleTelemetry"/> into VIBRATION messages: the RMS of the
/// high-passed acceleration over the samples since the previous message (the reporting window), and the cumulative
/// clipping count of the (single) accelerometer. A window without samples repeats the previous levels. No allocation.
/// </summary>
public sealed class VibrationWindow
{
    private Vector3 _previousSumMps2Sq;
    private long _previousCount;
    private Vector3 _levelsMps2;

    public Vibration Next(in VehicleTelemetry t)
    {
        long samples = t.VibrationSampleCount - _previousCount;
        if (samples > 0)
        {
            Vector3 sum = t.VibrationSumSquaresMps2Sq - _previousSumMps2Sq;
            _levelsMps2 = new Vector3(Rms(sum.X, samples), Rms(sum.Y, samples), Rms(sum.Z, samples));
            _previousSumMps2Sq = t.VibrationSumSquaresMps2Sq;
            _previousCount = t.VibrationSampleCount;
        }

        return new Vibration
        {
            TimeUsec = (ulong)Math.Max(0, t.TimeUs),
            VibrationX = (float)_levelsMps2.X,
            VibrationY = (float)_levelsMps2.Y,
            VibrationZ = (float)_levelsMps2.Z,
            Clipping0 = (uint)Math.Clamp(t.AccelerometerClipCount, 0, uint.MaxValue),
            Clipping1 = 0,
            Clipping2 = 0,
        };
    }

    private static double Rms(double sumSquares, long count) => Math.Sqrt(Math.Max(0, sumSquares) / count);
}
