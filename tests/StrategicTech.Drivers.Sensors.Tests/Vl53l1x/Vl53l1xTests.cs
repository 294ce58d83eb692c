using StrategicTech.Drivers.Sensors.Common;
using StrategicTech.Drivers.Sensors.Vl53l1x;
using StrategicTech.TestSupport;
using Driver = StrategicTech.Drivers.Sensors.Vl53l1x.Vl53l1x;

namespace StrategicTech.Drivers.Sensors.Tests.Vl53l1x;

/// <summary>VL53L1X register-level driver against its simulator, on ST's register values.</summary>
public sealed class Vl53l1xTests
{
    private static (Vl53l1xSimulator Sim, Driver Driver) Started(Vl53l1xTimingBudget budget = Vl53l1xTimingBudget.Ms50, int periodMs = 50)
    {
        var sim = new Vl53l1xSimulator();
        var driver = new Driver(sim);
        Assert.True(driver.Initialize(budget, periodMs, maxWaitMs: 5));
        return (sim, driver);
    }

    [Fact]
    public void Initialize_writes_st_default_block_then_long_mode_50_ms_budget_and_starts_ranging()
    {
        (Vl53l1xSimulator sim, Driver _) = Started();

        // The default block as written, except the registers long mode and the budget rewrite afterwards.
        Assert.Equal(0x00, sim[(Register)0x2D]);
        Assert.Equal(0x01, sim[Register.GpioHvMuxCtrl]);
        Assert.Equal(0x21, sim[(Register)0x4C]);
        Assert.Equal(0xC7, sim[(Register)0x7F]);
        Assert.Equal(0x9B, sim[(Register)0x81]);

        // Long distance mode (ST ULD SetDistanceMode(2)).
        Assert.Equal(0x0A, sim[Register.PhasecalConfigTimeoutMacrop]);
        Assert.Equal(0x0F, sim[Register.RangeConfigVcselPeriodA]);
        Assert.Equal(0x0D, sim[Register.RangeConfigVcselPeriodB]);
        Assert.Equal(0xB8, sim[Register.RangeConfigValidPhaseHigh]);
        Assert.Equal(0x0F0D, sim.Word(Register.SdConfigWoiSd0));
        Assert.Equal(0x0E0E, sim.Word(Register.SdConfigInitialPhaseSd0));

        // 50 ms in long mode: A_HI 0x00AD, B_HI 0x00C6.
        Assert.Equal(0x00AD, sim.Word(Register.RangeConfigTimeoutMacropAHi));
        Assert.Equal(0x00C6, sim.Word(Register.RangeConfigTimeoutMacropBHi));

        // 50 ms period: (0x01B4 & 0x3FF) = 436 × 50 × 1.075 = 23 435.
        Assert.Equal(23_435u, sim.DoubleWord(Register.SystemIntermeasurementPeriod));

        // VHV settings after the calibration measurement, and continuous ranging on.
        Assert.Equal(0x09, sim[Register.VhvConfigTimeoutMacropLoopBound]);
        Assert.Equal(0x00, sim[Register.VhvConfigInit]);
        Assert.True(sim.Ranging);
    }

    [Fact]
    public void Default_block_is_91_bytes_and_carries_the_100_ms_long_mode_a_timeout()
    {
        ReadOnlySpan<byte> block = Vl53l1xConfiguration.Defaults;

        Assert.Equal(0x87 - 0x2D + 1, block.Length);
        (ushort a, ushort _) = Vl53l1xConfiguration.LongModeTimeouts(Vl53l1xTimingBudget.Ms100);
        Assert.Equal(a, (ushort)((block[0x5E - 0x2D] << 8) | block[0x5F - 0x2D])); // 0x01CC
    }

    [Fact]
    public void A_pushed_measurement_reads_back_in_metres_with_status_and_signal_and_clears_the_interrupt()
    {
        (Vl53l1xSimulator sim, Driver driver) = Started();
        Assert.True(driver.TryReadRange(0, out _)); // the start's first measurement
        int clears = sim.InterruptClears;

        sim.Push(1.234, valid: true, signalRateMcps: 12.5);

        Assert.True(driver.TryReadRange(7_000, out Vl53l1xReading reading));
        Assert.Equal(7_000, reading.TimeUs);
        Assert.Equal(1.234, reading.DistanceM, 1e-12);
        Assert.True(reading.IsValid);
        Assert.Equal(12.5, reading.SignalRateMcps, 1e-12);
        Assert.Equal(clears + 1, sim.InterruptClears);
        Assert.False(driver.TryReadRange(8_000, out _)); // data-ready low until the next measurement
    }

    [Fact]
    public void A_measurement_without_a_target_is_read_as_a_signal_failure()
    {
        (Vl53l1xSimulator sim, Driver driver) = Started();
        sim.Push(5.5, valid: false);

        Assert.True(driver.TryReadRange(0, out Vl53l1xReading reading));
        Assert.False(reading.IsValid);
        Assert.Equal(Vl53l1xRangeStatus.SignalFailure, reading.Status);
    }

    [Theory]
    [InlineData(9, Vl53l1xRangeStatus.Valid)]
    [InlineData(0x89, Vl53l1xRangeStatus.Valid)] // only the low 5 bits are the status
    [InlineData(6, Vl53l1xRangeStatus.SigmaFailure)]
    [InlineData(4, Vl53l1xRangeStatus.SignalFailure)]
    [InlineData(5, Vl53l1xRangeStatus.OutOfBounds)]
    [InlineData(7, Vl53l1xRangeStatus.WrapAround)]
    [InlineData(13, Vl53l1xRangeStatus.Other)]
    public void Raw_range_status_maps_as_st_maps_it(byte raw, Vl53l1xRangeStatus expected) =>
        Assert.Equal(expected, Vl53l1xConfiguration.MapStatus(raw));

    [Fact]
    public void A_part_with_another_model_id_is_refused_as_bad_identity()
    {
        var sim = new Vl53l1xSimulator();
        var probe = new Driver(sim);
        sim.Write([0x01, 0x0F, 0xEE, 0xAA]); // VL53L0X-like id in place of 0xEACC

        Assert.False(probe.Initialize(maxWaitMs: 5));
        Assert.Equal(SensorFault.BadIdentity, probe.Health.LastFault);
        Assert.True(probe.Health.PermanentFault);
    }

    [Fact]
    public void A_part_that_stops_answering_is_a_counted_bus_fault_not_an_exception()
    {
        (Vl53l1xSimulator sim, Driver driver) = Started();
        sim.Disconnected = true;

        for (int i = 0; i < 3; i++)
        {
            Assert.False(driver.TryReadRange(i * 1000, out _));
        }

        Assert.Equal(3, driver.Health.BusErrors);
        Assert.False(driver.Health.IsHealthy);
    }

    [Fact]
    public void A_silent_part_counts_no_data_after_the_empty_poll_limit()
    {
        var sim = new Vl53l1xSimulator();
        var driver = new Driver(sim, emptyReadLimit: 10);
        Assert.True(driver.Initialize(maxWaitMs: 5));
        Assert.True(driver.TryReadRange(0, out _));

        for (int i = 0; i < 10; i++)
        {
            Assert.False(driver.TryReadRange(i, out _));
        }

        Assert.Equal(1, driver.Health.NoDataEvents);
    }

    [Fact]
    public void Read_path_allocates_nothing()
    {
        (Vl53l1xSimulator sim, Driver driver) = Started();
        long t = 0;
        Allocations.AssertZero(() =>
        {
            sim.Push(0.5 + ((t % 10) * 0.01), valid: true);
            driver.TryReadRange(t++, out _);
            driver.TryReadRange(t++, out _);
        });
    }
}
