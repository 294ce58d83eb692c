using System.Device.I2c;
using System.Device.Spi;
using StrategicTech.Autopilot.Hal.Adapters;
using StrategicTech.Drivers.Sensors.Boards;
using StrategicTech.Drivers.Sensors.Common;
using StrategicTech.Drivers.Sensors.Simulation;
using StrategicTech.Sim.Cli.Commands;
using StrategicTech.Sim.Hil;
using StrategicTech.Sim.Tests.Cli;
using StrategicTech.TestSupport;

namespace StrategicTech.Sim.Tests.Hil;

/// <summary><c>autonomy vehicle run</c>: probing names what is missing; <c>--sim-buses</c> flies a scenario with the verdict as exit code.</summary>
public sealed class VehicleCommandTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "hil-cli-" + Guid.NewGuid().ToString("N"));

    private static string Board(string name) => Path.Combine(SharedData.RepositoryRoot, "hardware", "boards", name);

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    [Fact]
    public void Hil_hover_scenario_through_the_cli_exits_0_with_pass()
    {
        (int code, string output, string error) = CliRunner.Run(
            "vehicle", "run", "--board", Board("rpi4-breakouts.json"), "--sim-buses", "--scenario", "hover", "--out", _out, "--no-plots");

        Assert.True(code == 0, output + error);
        Assert.Contains("on simulated buses", output, StringComparison.Ordinal);
        Assert.Contains("result: PASS", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_out, "summary.json")));
    }

    [Fact]
    public void Board_with_an_unanswering_magnetometer_exits_2_naming_mag0_on_i2c1_at_0x0c()
    {
        var buses = new UnansweringDevice(new SimulatedBoardBuses(), "ak09916");
        using var output = new StringWriter();
        using var error = new StringWriter();

        int code = VehicleCommand.RunOnHardware(Board("rpi4-breakouts.json"), new HardwareRunSettings(0.5, 1.0, null, null), buses, output, error);

        Assert.Equal(2, code);
        string[] errors = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string line = Assert.Single(errors);
        Assert.Contains("device 'mag0' (ak09916) on bus 'i2c1' (/dev/i2c-1 address 0x0C) is missing: no answer on the bus", line, StringComparison.Ordinal);
        Assert.Contains("imu0 (mpu9250) on bus 'spi0' (/dev/spidev0.0): present", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Board_with_a_wrong_part_on_the_imu_chip_select_exits_2_naming_imu0_and_its_identity()
    {
        var buses = new WrongImu(new SimulatedBoardBuses());
        using var output = new StringWriter();
        using var error = new StringWriter();

        int code = VehicleCommand.RunOnHardware(Board("rpi4-breakouts.json"), new HardwareRunSettings(0.5, 1.0, null, null), buses, output, error);

        Assert.Equal(2, code);
        Assert.Contains("device 'imu0' (mpu9250) on bus 'spi0' (/dev/spidev0.0) is missing: wrong identity", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sim_buses_without_a_scenario_is_bad_input()
    {
        (int code, _, string error) = CliRunner.Run("vehicle", "run", "--board", Board("rpi4-breakouts.json"), "--sim-buses");

        Assert.Equal(2, code);
        Assert.Contains("--sim-buses needs --scenario", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Sim_buses_on_a_sysfs_pwm_board_is_bad_input_naming_the_pwm_driver()
    {
        (int code, _, string error) = CliRunner.Run("vehicle", "run", "--board", Board("navio2-rpi4.json"), "--sim-buses", "--scenario", "hover", "--out", _out);

        Assert.Equal(2, code);
        Assert.Contains("pwm driver 'sysfs' has no simulator", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_board_file_is_bad_input_naming_file_and_field()
    {
        string path = Path.Combine(Path.GetTempPath(), "hil-bad-board-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, File.ReadAllText(Board("rpi4-breakouts.json")).Replace("\"address\": \"0x77\"", "\"address\": \"0x99\"", StringComparison.Ordinal));
        try
        {
            (int code, _, string error) = CliRunner.Run("vehicle", "run", "--board", path);

            Assert.Equal(2, code);
            Assert.Contains("$.devices[1].address", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The simulated board with one I2C part that never acknowledges (unplugged).</summary>
    private sealed class UnansweringDevice(SimulatedBoardBuses inner, string driver) : IBoardBuses
    {
        public I2cDevice OpenI2c(BusDescription bus, int address, string name)
        {
            I2cDevice device = inner.OpenI2c(bus, address, name);
            if (name == driver)
            {
                ((I2cRegisterSimulator)device).Disconnected = true;
            }

            return device;
        }

        public SpiDevice OpenSpi(BusDescription bus, int chipSelect, int clockHz, string name) => inner.OpenSpi(bus, chipSelect, clockHz, name);

        public IByteSource OpenStream(BusDescription bus, DeviceDescription device) => inner.OpenStream(bus, device);
    }

    /// <summary>The simulated board with another part (WHO_AM_I 0x70, an MPU-6500) where the MPU-9250 should be.</summary>
    private sealed class WrongImu(SimulatedBoardBuses inner) : IBoardBuses
    {
        public I2cDevice OpenI2c(BusDescription bus, int address, string name) => inner.OpenI2c(bus, address, name);

        public SpiDevice OpenSpi(BusDescription bus, int chipSelect, int clockHz, string name)
        {
            SpiDevice device = inner.OpenSpi(bus, chipSelect, clockHz, name);
            inner.Imu!.WhoAmI = 0x70;
            return device;
        }

        public IByteSource OpenStream(BusDescription bus, DeviceDescription device) => inner.OpenStream(bus, device);
    }
}
