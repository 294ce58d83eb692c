using System.Buffers.Text;
using Microsoft.Win32.SafeHandles;
using StrategicTech.Drivers.Sensors.Common;

namespace StrategicTech.Drivers.Sensors.SysfsPwm;

/// <summary>
/// One Linux sysfs PWM channel (<c>/sys/class/pwm/pwmchipN/pwmM</c>): export, period, duty_cycle and enable
/// files, times in nanoseconds as decimal text. Opening exports the channel and keeps duty_cycle open, so
/// setting a pulse is one positional write of a few formatted bytes: no allocation, no path lookups. The
/// kernel refuses a duty cycle longer than the period (EINVAL → IOException), which is counted, not thrown.
/// </summary>
public sealed class SysfsPwmChannel : IDisposable
{
    public const string DefaultRoot = "/sys/class/pwm";

    private readonly string _channelDirectory;
    private readonly byte[] _text = new byte[24];
    private SafeFileHandle? _dutyCycle;

    public SysfsPwmChannel(int chip, int channel, string root = DefaultRoot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chip);
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        Chip = chip;
        Channel = channel;
        ChipDirectory = Path.Combine(root, $"pwmchip{chip}");
        _channelDirectory = Path.Combine(ChipDirectory, $"pwm{channel}");
    }

    public int Chip { get; }
    public int Channel { get; }
    public string ChipDirectory { get; }
    public long PeriodNs { get; private set; }
    public SensorHealth Health { get; } = new();

    /// <summary>Exports the channel if needed, sets the period and enables the output with a zero duty cycle.</summary>
    public bool Open(long periodNs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(periodNs, 1);
        try
        {
            if (!Directory.Exists(_channelDirectory))
            {
                File.WriteAllText(Path.Combine(ChipDirectory, "export"), Channel.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            // A shorter period than the current duty cycle is refused by the kernel: clear the duty cycle first.
            _dutyCycle = File.OpenHandle(Path.Combine(_channelDirectory, "duty_cycle"), FileMode.Open, FileAccess.Write);
            WriteNumber(_dutyCycle, 0);
            using (SafeFileHandle period = File.OpenHandle(Path.Combine(_channelDirectory, "period"), FileMode.Open, FileAccess.Write))
            {
                WriteNumber(period, periodNs);
            }

            using (SafeFileHandle enable = File.OpenHandle(Path.Combine(_channelDirectory, "enable"), FileMode.Open, FileAccess.Write))
            {
                WriteNumber(enable, 1);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Health.Record(SensorFault.BusError);
            return false;
        }

        PeriodNs = periodNs;
        Health.RecordInitialized();
        return true;
    }

    /// <summary>Sets the high time, microseconds; false (counted) when the channel is not open or the kernel refuses.</summary>
    public bool TrySetPulseWidth(double pulseWidthUs)
    {
        if (_dutyCycle is null)
        {
            return false;
        }

        long ns = Math.Clamp((long)Math.Round(pulseWidthUs * 1000.0), 0, PeriodNs);
        try
        {
            WriteNumber(_dutyCycle, ns);
            Health.RecordGood();
            return true;
        }
        catch (IOException)
        {
            Health.Record(SensorFault.BusError);
            return false;
        }
    }

    public void Dispose()
    {
        _dutyCycle?.Dispose();
        _dutyCycle = null;
    }

    private void WriteNumber(SafeFileHandle handle, long value)
    {
        Utf8Formatter.TryFormat(value, _text, out int length);
        _text[length++] = (byte)'\n';
        RandomAccess.Write(handle, _text.AsSpan(0, length), 0);
    }
}
