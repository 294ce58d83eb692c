using StrategicTech.Autopilot.Hal.Adapters;
using StrategicTech.Drivers.Sensors.Boards;
using StrategicTech.Sim.Hil;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.Scenarios;
using StrategicTech.TestSupport;
using Xunit.Abstractions;

namespace StrategicTech.Sim.Tests.Hil;

/// <summary>Hardware-in-the-loop on simulated buses: the demo flown through the real drivers and the PCA9685, in lockstep.</summary>
public sealed class HilDemoTests(ITestOutputHelper log)
{
    private static BoardDescription Breakouts() =>
        BoardLoader.Load(Path.Combine(SharedData.RepositoryRoot, "hardware", "boards", "rpi4-breakouts.json"));

    [Fact]
    public void Demo_passes_through_mpu9250_ms5611_ak09916_vl53l1x_ublox_drivers_and_pca9685_outputs()
    {
        SimulatedBusBinding? binding = null;
        var options = new ScenarioRunOptions
        {
            Binding = SimulatedBusBinding.Factory(Breakouts()),
            Attach = (vehicle, _, _) =>
            {
                binding = (SimulatedBusBinding)vehicle.Binding;
                return null;
            },
        };

        ScenarioResult result = ScenarioRunner.Run(ScenarioLoader.Load("demo"), options);

        VehicleResult v = Assert.Single(result.Vehicles);
        Assert.True(result.Passed, string.Join("; ", v.Criteria.Select(c => $"{c.Name} {c.Measured:F2}")));
        Assert.Equal(9, v.ItemsCompleted);

        BoardIo board = binding!.Board;
        double seconds = result.SimulatedS;
        log.WriteLine($"simulated {seconds} s: imu {board.Imu!.Health.GoodReads}, baro {board.Barometer!.Health.GoodReads}, mag {board.Magnetometer!.Health.GoodReads}, NAV-PVT {board.Gnss!.Receiver.NavPvtCount}, range {board.RangeFinder!.Health.GoodReads} ({board.RangeFinder.InvalidReadings} invalid), pwm writes {board.Motors!.Health.GoodReads}");

        // The vehicle really read the drivers, at the parts' rates (measured on a 170.8 s flight, in the comments).
        Assert.InRange(board.Imu!.Health.GoodReads, (seconds * 1000) - 2, seconds * 1000); // 170 800 FIFO reads in 170 801 ticks
        Assert.InRange(board.Barometer!.Health.GoodReads, seconds * 49.9, seconds * 50.1); // 8 540: one D1+D2 pair per 20 ms
        Assert.InRange(board.Magnetometer!.Health.GoodReads, seconds * 99.9, seconds * 100.1); // 17 081
        Assert.InRange(board.Gnss!.Receiver.NavPvtCount, seconds * 9.9, seconds * 10.1); // 1 707 NAV-PVT at 10 Hz
        Assert.Equal(0, board.Gnss.Receiver.MalformedMessages);
        Assert.Equal(0, board.Gnss.Receiver.Ubx.ChecksumErrors);
        Assert.Equal(0, board.Imu.Health.BusErrors + board.Imu.Health.Overflows + board.Imu.Health.StuckDataEvents);
        Assert.InRange(board.Motors!.Health.GoodReads, (seconds * 2000) - 8, (seconds * 2000) + 8); // 341 604: 4 channels at 500 Hz

        // VL53L1X at the model's 20 Hz: valid only below its 4 m (climb and descent), a signal failure at the mission's 20 m.
        Assert.InRange(board.RangeFinder!.Health.GoodReads, seconds * 19.9, seconds * 20.1); // 3 417 measurements
        Assert.InRange(board.RangeFinder.Health.GoodReads - board.RangeFinder.InvalidReadings, 212 / 1.5, 212 * 1.5); // measured 212 valid
        Assert.InRange(board.RangeFinder.InvalidReadings, 3205 / 1.5, 3205 * 1.5); // measured 3 205 invalid
        Assert.True(binding.Buses.Pwm!.Transfers > board.Motors.Health.GoodReads); // every PWM write reached the simulated PCA9685
    }
}
