using StrategicTech.Drivers.Sensors.Pca9685;
using StrategicTech.TestSupport;
using Driver = StrategicTech.Drivers.Sensors.Pca9685.Pca9685;

namespace StrategicTech.Drivers.Sensors.Tests.Pwm;

public sealed class Pca9685Tests
{
    [Fact]
    public void Datasheet_prescale_example_200_hz_is_0x1e()
    {
        Assert.Equal(0x1E, Driver.PrescaleFor(200));
    }

    [Fact]
    public void Initialize_writes_prescale_while_asleep_then_wakes_with_auto_increment_and_totem_pole_outputs()
    {
        var sim = new Pca9685Simulator();
        var pwm = new Driver(sim);

        Assert.True(pwm.Initialize(400));
        Assert.Equal(0, sim.IgnoredPrescaleWrites);
        Assert.Equal(14, sim[(int)Register.PreScale]); // round(25e6 / (4096 · 400)) − 1 = 14
        Assert.Equal(25e6 / (4096 * 15), pwm.FrequencyHz, 9); // 406.9 Hz: the prescaler quantizes
        Assert.Equal(pwm.FrequencyHz, sim.FrequencyHz, 9);
        Assert.Equal(0x20, sim[(int)Register.Mode1] & 0x30); // AI on, SLEEP off
        Assert.Equal(0x04, sim[(int)Register.Mode2]);
    }

    [Fact]
    public void Prescale_written_while_awake_is_ignored_by_the_part()
    {
        var sim = new Pca9685Simulator();
        sim.Write([(byte)Register.Mode1, 0x20]);
        sim.Write([(byte)Register.PreScale, 0x05]);
        Assert.Equal(1, sim.IgnoredPrescaleWrites);
        Assert.Equal(0x1E, sim[(int)Register.PreScale]);
    }

    [Fact]
    public void Pulse_widths_become_off_counts_and_the_simulated_output_matches_within_one_count()
    {
        var sim = new Pca9685Simulator();
        var pwm = new Driver(sim);
        Assert.True(pwm.Initialize(400));

        Assert.True(pwm.TrySetPulseWidth(0, 1000));
        Assert.True(pwm.TrySetPulseWidth(15, 2000));

        Assert.Equal(0, sim.OnCount(0));
        Assert.Equal((int)Math.Round(1000e-6 * pwm.FrequencyHz * 4096), sim.OffCount(0)); // 1667
        double countUs = 1e6 / pwm.FrequencyHz / 4096;
        Assert.Equal(1000, sim.PulseWidthUs(0), countUs);
        Assert.Equal(2000, sim.PulseWidthUs(15), countUs);
    }

    [Fact]
    public void Datasheet_led_example_on_409_off_1228_is_written_as_0x199_and_0x4cc()
    {
        var sim = new Pca9685Simulator();
        var pwm = new Driver(sim);
        Assert.True(pwm.Initialize(200));
        pwm.WriteChannel((byte)Register.Led0OnL, 409, 1228); // 10 % delay, 20 % duty

        Assert.Equal(0x99, sim[0x06]);
        Assert.Equal(0x01, sim[0x07]);
        Assert.Equal(0xCC, sim[0x08]);
        Assert.Equal(0x04, sim[0x09]);
    }

    [Fact]
    public void Nacking_controller_is_a_counted_failure_not_an_exception()
    {
        var sim = new Pca9685Simulator();
        var pwm = new Driver(sim);
        Assert.True(pwm.Initialize(400));
        sim.Disconnected = true;
        Assert.False(pwm.TrySetPulseWidth(3, 1500));
        Assert.Equal(1, pwm.Health.BusErrors);
    }

    [Fact]
    public void Setting_a_pulse_allocates_nothing()
    {
        var sim = new Pca9685Simulator();
        var pwm = new Driver(sim);
        Assert.True(pwm.Initialize(400));
        double us = 1000;
        Allocations.AssertZero(() => pwm.TrySetPulseWidth(2, us += 0.5));
    }
}
