using StrategicTech.Drivers.Sensors.Common;
using StrategicTech.Drivers.Sensors.Ms5611;
using StrategicTech.TestSupport;
using Driver = StrategicTech.Drivers.Sensors.Ms5611.Ms5611;

namespace StrategicTech.Drivers.Sensors.Tests.Ms5611;

public sealed class Ms5611Tests
{
    /// <summary>The datasheet's "typical values" calibration (MS5611-01BA03, pressure and temperature calculation).</summary>
    private static readonly Ms5611Calibration Datasheet = new(40127, 36924, 23317, 23282, 33464, 28312);
    private const uint DatasheetD1 = 9085466;
    private const uint DatasheetD2 = 8569150;

    [Fact]
    public void Datasheet_example_gives_temp_2007_and_pressure_100009()
    {
        (long pressure, long temperature) = Datasheet.CompensateCounts(DatasheetD1, DatasheetD2);

        Assert.Equal(2007, temperature); // 20.07 °C
        Assert.Equal(100009, pressure); // 1000.09 mbar
    }

    [Fact]
    public void Second_order_correction_lowers_the_temperature_below_20_degrees()
    {
        // D2 chosen so that dT = −200 000: first order TEMP = 2000 − 675 = 1325 (13.25 °C); T2 = dT²/2³¹ = 18.
        uint d2 = (uint)((33464 << 8) - 200_000);
        (long _, long temperature) = Datasheet.CompensateCounts(DatasheetD1, d2);
        Assert.Equal(1325 - 18, temperature);
    }

    [Fact]
    public void Driver_reads_prom_checks_crc_and_publishes_the_datasheet_example_in_si_units()
    {
        var sim = new Ms5611Simulator(Ms5611Simulator.BuildProm(Datasheet)) { D1 = DatasheetD1, D2 = DatasheetD2 };
        var baro = new Driver(sim);

        Assert.True(baro.Initialize());
        Assert.Equal(Datasheet, baro.Calibration);

        long t = 0;
        BarometerReading sample = default;
        bool got = false;
        for (int i = 0; i < 5 && !got; i++)
        {
            baro.Update(t);
            got = baro.TryReadPressure(out sample);
            t += 10_000;
        }

        Assert.True(got);
        Assert.Equal(100009.0, sample.PressurePa);
        Assert.Equal(20.07, sample.TemperatureC, 12);
        Assert.False(baro.TryReadPressure(out _)); // a sample is delivered once
    }

    [Fact]
    public void Update_before_the_conversion_time_does_not_touch_the_bus()
    {
        var sim = new Ms5611Simulator(Ms5611Simulator.BuildProm(Datasheet)) { D1 = DatasheetD1, D2 = DatasheetD2 };
        var baro = new Driver(sim, Oversampling.Osr4096);
        Assert.True(baro.Initialize());
        baro.Update(0); // starts D1
        sim.Disconnected = true; // any bus access would now be counted as an error
        baro.Update(9_039);
        Assert.Equal(0, baro.Health.BusErrors);
        baro.Update(9_040);
        Assert.Equal(1, baro.Health.BusErrors);
    }

    [Fact]
    public void Corrupt_prom_crc_is_a_calibration_fault()
    {
        ushort[] prom = Ms5611Simulator.BuildProm(Datasheet);
        prom[3] ^= 0x0100;
        var baro = new Driver(new Ms5611Simulator(prom));

        Assert.False(baro.Initialize());
        Assert.Equal(1, baro.Health.CalibrationErrors);
        Assert.False(baro.Health.IsHealthy);
    }

    [Fact]
    public void Absent_device_is_a_bus_error_not_an_exception()
    {
        var sim = new Ms5611Simulator(Ms5611Simulator.BuildProm(Datasheet)) { Disconnected = true };
        var baro = new Driver(sim);
        Assert.False(baro.Initialize());
        Assert.Equal(1, baro.Health.BusErrors);
    }

    [Fact]
    public void Fifty_identical_raw_pairs_are_a_stuck_data_fault()
    {
        var sim = new Ms5611Simulator(Ms5611Simulator.BuildProm(Datasheet)) { D1 = DatasheetD1, D2 = DatasheetD2 };
        var baro = new Driver(sim, Oversampling.Osr256);
        Assert.True(baro.Initialize());
        int samples = 0;
        for (long t = 0; t < 200 * 600; t += 600)
        {
            baro.Update(t);
            if (baro.TryReadPressure(out _))
            {
                samples++;
            }
        }

        Assert.Equal(50, samples); // the first is new, then 49 repeats pass; from the 50th repeat on every pair is refused
        Assert.True(baro.Health.StuckDataEvents >= 40);
        Assert.False(baro.Health.IsHealthy);
    }

    [Fact]
    public void Update_and_read_allocate_nothing()
    {
        var sim = new Ms5611Simulator(Ms5611Simulator.BuildProm(Datasheet)) { D1 = DatasheetD1, D2 = DatasheetD2 };
        var baro = new Driver(sim, Oversampling.Osr256);
        Assert.True(baro.Initialize());
        long t = 0;
        Allocations.AssertZero(() =>
        {
            sim.D1++;
            baro.Update(t += 600);
            baro.TryReadPressure(out _);
        });
    }
}
