using StrategicTech.Autopilot.Calibration;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Microservices.Command.Server;

namespace StrategicTech.Autopilot.Tests.Calibration;

public class PreflightCalibrationCommandTests
{
    [Theory]
    [InlineData(1, 0, 0, CalibrationKind.Gyro)]
    [InlineData(0, 1, 0, CalibrationKind.Mag)]
    [InlineData(0, 0, 1, CalibrationKind.Accel)]
    [InlineData(0, 0, 2, CalibrationKind.Level)]
    [InlineData(0, 0, 4, CalibrationKind.None)]
    [InlineData(3, 0, 0, CalibrationKind.None)]
    [InlineData(1, 1, 0, CalibrationKind.None)]
    public void Parameters_select_the_calibration_as_PX4_reads_them(float param1, float param2, double param5, CalibrationKind expected) =>
        Assert.Equal(expected, PreflightCalibrationCommand.Decode(Request(param1, param2, 0, param5)));

    [Fact]
    public void Barometer_calibration_is_unsupported()
    {
        var bench = new CalibrationBench();
        Assert.Equal(MavResult.Unsupported, PreflightCalibrationCommand.Execute(Request(0, 0, 1, 0), bench.Runner, armed: false).Result);
    }

    [Fact]
    public void All_zero_command_cancels_and_armed_start_is_denied_busy_start_temporarily_rejected()
    {
        var bench = new CalibrationBench();
        Assert.Equal(MavResult.Denied, PreflightCalibrationCommand.Execute(Request(0, 0, 0, 1), bench.Runner, armed: true).Result);
        Assert.Equal(MavResult.Accepted, PreflightCalibrationCommand.Execute(Request(0, 0, 0, 1), bench.Runner, armed: false).Result);
        Assert.Equal(MavResult.TemporarilyRejected, PreflightCalibrationCommand.Execute(Request(1, 0, 0, 0), bench.Runner, armed: false).Result);
        Assert.Equal(MavResult.Accepted, PreflightCalibrationCommand.Execute(Request(0, 0, 0, 0), bench.Runner, armed: false).Result);
        Assert.False(bench.Runner.Running);
        Assert.Equal(1, bench.Runner.Cancelled);
    }

    private static CommandRequest Request(float param1, float param2, float param3, double param5) =>
        new(255, 190, MavCmd.PreflightCalibration, false, default, param1, param2, param3, 0, param5, 0, 0);
}
