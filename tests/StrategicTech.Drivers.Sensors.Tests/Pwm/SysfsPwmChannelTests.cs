using StrategicTech.Drivers.Sensors.SysfsPwm;
using StrategicTech.TestSupport;

namespace StrategicTech.Drivers.Sensors.Tests.Pwm;

/// <summary>Runs the sysfs channel against a directory tree laid out like /sys/class/pwm (plain files).</summary>
public sealed class SysfsPwmChannelTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "st-pwm-" + Guid.NewGuid().ToString("N"));

    public SysfsPwmChannelTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "pwmchip0"));
        File.WriteAllText(Path.Combine(_root, "pwmchip0", "export"), "");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string ChannelFile(int channel, string name) => Path.Combine(_root, "pwmchip0", $"pwm{channel}", name);

    /// <summary>sysfs attributes are read as their first line (the driver writes "value\n" at offset 0).</summary>
    private string Read(int channel, string name) => File.ReadAllLines(ChannelFile(channel, name))[0];

    private void CreateChannel(int channel)
    {
        Directory.CreateDirectory(Path.Combine(_root, "pwmchip0", $"pwm{channel}"));
        foreach (string f in new[] { "period", "duty_cycle", "enable" })
        {
            File.WriteAllText(ChannelFile(channel, f), "0\n");
        }
    }

    [Fact]
    public void Open_sets_period_in_nanoseconds_enables_and_starts_with_zero_duty()
    {
        CreateChannel(2);
        using var ch = new SysfsPwmChannel(0, 2, _root);

        Assert.True(ch.Open(2_500_000)); // 400 Hz
        Assert.Equal("2500000", Read(2, "period"));
        Assert.Equal("1", Read(2, "enable"));
        Assert.Equal("0", Read(2, "duty_cycle"));
    }

    [Fact]
    public void Missing_channel_directory_is_exported_by_writing_its_number()
    {
        using var ch = new SysfsPwmChannel(0, 5, _root);
        Assert.False(ch.Open(2_500_000)); // no kernel here to create pwm5 after the export write
        Assert.Equal("5", File.ReadAllText(Path.Combine(_root, "pwmchip0", "export")));
        Assert.Equal(1, ch.Health.BusErrors);
    }

    [Fact]
    public void Pulse_width_is_written_as_nanoseconds_and_clamped_to_the_period()
    {
        CreateChannel(0);
        using var ch = new SysfsPwmChannel(0, 0, _root);
        Assert.True(ch.Open(2_500_000));

        Assert.True(ch.TrySetPulseWidth(1500.4));
        Assert.Equal("1500400", Read(0, "duty_cycle"));
        Assert.True(ch.TrySetPulseWidth(9000));
        Assert.Equal("2500000", Read(0, "duty_cycle"));
    }

    [Fact]
    public void Setting_a_pulse_allocates_nothing()
    {
        CreateChannel(1);
        using var ch = new SysfsPwmChannel(0, 1, _root);
        Assert.True(ch.Open(2_500_000));
        double us = 1000;
        Allocations.AssertZero(() => ch.TrySetPulseWidth(us += 1), iterations: 200);
    }
}
