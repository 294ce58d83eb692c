using StrategicTech.Drivers.Sensors.Common;
using StrategicTech.Drivers.Sensors.Pca9685;
using StrategicTech.Drivers.Sensors.SysfsPwm;

namespace StrategicTech.Autopilot.Hal.Adapters;

/// <summary>
/// The vehicle's motor outputs on PWM: command 0..1 of motor i (airframe order) → pulse <see cref="MinPulseUs"/> ..
/// <see cref="MaxPulseUs"/> on the board file's channel for motor i+1, through a PCA9685 or Linux sysfs PWM channels.
/// A failed write is counted by the driver (<see cref="Health"/>), never thrown; commands outside 0..1 (or NaN) are
/// clamped to 0..1 so an ESC never sees a pulse outside its calibrated range.
/// </summary>
public sealed class PwmMotorSink : IMotorOutputSink
{
    private readonly Pca9685? _pca;
    private readonly SysfsPwmChannel[]? _sysfs;
    private readonly int[] _channels;
    private readonly double[] _pulsesUs;

    private PwmMotorSink(Pca9685? pca, SysfsPwmChannel[]? sysfs, int[] channels, double minPulseUs, double maxPulseUs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minPulseUs, 0);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxPulseUs, minPulseUs);
        _pca = pca;
        _sysfs = sysfs;
        _channels = channels;
        _pulsesUs = new double[channels.Length];
        MinPulseUs = minPulseUs;
        MaxPulseUs = maxPulseUs;
    }

    public double MinPulseUs { get; }

    public double MaxPulseUs { get; }

    /// <summary>Pulse widths last written, µs, in motor order.</summary>
    public ReadOnlySpan<double> PulsesUs => _pulsesUs;

    public SensorHealth Health => _pca is not null ? _pca.Health : _sysfs![0].Health;

    /// <param name="pca">An initialized PCA9685.</param>
    /// <param name="channelOfMotor">PWM channel (0..15) of motor 1, 2, … (index 0 = motor 1).</param>
    public static PwmMotorSink OnPca9685(Pca9685 pca, ReadOnlySpan<int> channelOfMotor, double minPulseUs = 1000, double maxPulseUs = 2000)
    {
        ArgumentNullException.ThrowIfNull(pca);
        foreach (int ch in channelOfMotor)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(ch);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ch, Pca9685.ChannelCount);
        }

        return new PwmMotorSink(pca, null, channelOfMotor.ToArray(), minPulseUs, maxPulseUs);
    }

    /// <param name="channels">Opened sysfs channels, one per motor in motor order.</param>
    public static PwmMotorSink OnSysfs(IReadOnlyList<SysfsPwmChannel> channels, double minPulseUs = 1000, double maxPulseUs = 2000)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentOutOfRangeException.ThrowIfZero(channels.Count);
        var identity = new int[channels.Count];
        for (int i = 0; i < identity.Length; i++)
        {
            identity[i] = i;
        }

        return new PwmMotorSink(null, [.. channels], identity, minPulseUs, maxPulseUs);
    }

    public void WriteMotors(long timeUs, ReadOnlySpan<double> commands)
    {
        int n = Math.Min(commands.Length, _channels.Length);
        for (int i = 0; i < n; i++)
        {
            double command = commands[i];
            command = double.IsNaN(command) ? 0 : Math.Clamp(command, 0, 1);
            double pulseUs = MinPulseUs + (command * (MaxPulseUs - MinPulseUs));
            _pulsesUs[i] = pulseUs;
            if (_pca is not null)
            {
                _pca.TrySetPulseWidth(_channels[i], pulseUs);
            }
            else
            {
                _sysfs![i].TrySetPulseWidth(pulseUs);
            }
        }
    }
}
