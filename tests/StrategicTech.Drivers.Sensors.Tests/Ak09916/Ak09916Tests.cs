using StrategicTech.Drivers.Sensors.Ak09916;
using StrategicTech.Drivers.Sensors.Common;
using StrategicTech.Navigation.Numerics;
using StrategicTech.TestSupport;
using Driver = StrategicTech.Drivers.Sensors.Ak09916.Ak09916;

namespace StrategicTech.Drivers.Sensors.Tests.Ak09916;

public sealed class Ak09916Tests
{
    [Fact]
    public void Initialize_checks_identity_resets_and_selects_continuous_100hz()
    {
        var sim = new Ak09916Simulator();
        var mag = new Driver(sim);

        Assert.True(mag.Initialize());
        Assert.Equal(1, sim.SoftResets);
        Assert.Equal(Mode.Continuous100Hz, sim.Mode);
    }

    [Fact]
    public void Raw_counts_scale_at_0_15_microtesla_per_lsb()
    {
        var sim = new Ak09916Simulator();
        var mag = new Driver(sim);
        Assert.True(mag.Initialize());
        sim.PushRaw(1000, -2000, 32752);

        Assert.True(mag.TryReadField(7, out MagnetometerReading s));
        Assert.Equal(150e-6, s.FieldTesla.X, 15);
        Assert.Equal(-300e-6, s.FieldTesla.Y, 15);
        Assert.Equal(4912.8e-6, s.FieldTesla.Z, 15);
        Assert.Equal(7, s.TimeUs);
    }

    [Fact]
    public void A_measurement_is_delivered_once_because_reading_st2_clears_drdy()
    {
        var sim = new Ak09916Simulator();
        var mag = new Driver(sim);
        Assert.True(mag.Initialize());
        sim.Push(new Vector3(20e-6, 0, -40e-6));

        Assert.True(mag.TryReadField(0, out MagnetometerReading s));
        Assert.True((s.FieldTesla - new Vector3(20e-6, 0, -40e-6)).Length <= 0.15e-6);
        Assert.False(mag.TryReadField(1, out _));
        Assert.Equal(0, mag.Health.NoDataEvents + mag.Health.BusErrors);
    }

    [Fact]
    public void Magnetic_overflow_flag_is_counted_and_the_sample_dropped()
    {
        var sim = new Ak09916Simulator();
        var mag = new Driver(sim);
        Assert.True(mag.Initialize());
        sim.Push(new Vector3(6000e-6, 0, 0));

        Assert.False(mag.TryReadField(0, out _));
        Assert.Equal(1, mag.Health.Overflows);
    }

    [Fact]
    public void Wrong_device_id_is_a_bad_identity_fault()
    {
        var sim = new Ak09916Simulator();
        sim[(int)Register.Wia2] = 0x05; // an AK09911, not an AK09916
        var mag = new Driver(sim);

        Assert.False(mag.Initialize());
        Assert.Equal(1, mag.Health.BadIdentities);
    }

    [Fact]
    public void Nacking_device_counts_bus_errors()
    {
        var sim = new Ak09916Simulator();
        var mag = new Driver(sim);
        Assert.True(mag.Initialize());
        sim.Disconnected = true;

        Assert.False(mag.TryReadField(0, out _));
        Assert.Equal(1, mag.Health.BusErrors);
    }

    [Fact]
    public void Hundred_identical_measurements_are_a_stuck_data_fault()
    {
        var sim = new Ak09916Simulator();
        var mag = new Driver(sim);
        Assert.True(mag.Initialize());
        int delivered = 0;
        for (int i = 0; i < 101; i++)
        {
            sim.PushRaw(10, 20, 30);
            if (mag.TryReadField(i, out _))
            {
                delivered++;
            }
        }

        Assert.Equal(1, mag.Health.StuckDataEvents);
        Assert.Equal(100, delivered);
    }

    [Fact]
    public void Field_read_allocates_nothing()
    {
        var sim = new Ak09916Simulator();
        var mag = new Driver(sim);
        Assert.True(mag.Initialize());
        short n = 0;
        Allocations.AssertZero(() =>
        {
            sim.PushRaw(n++, 1, 2);
            mag.TryReadField(n, out _);
        });
    }
}
