using StrategicTech.Autopilot.Flight;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Microservices.Command.Server;

namespace StrategicTech.Autopilot.Calibration;

/// <summary>
/// MAV_CMD_PREFLIGHT_CALIBRATION (241) as PX4 reads it: param1 = 1 gyro, param2 = 1 magnetometer, param5 = 1
/// accelerometer, param5 = 2 level horizon; all parameters zero cancels the running calibration (what
/// QGroundControl's Cancel sends). The command is acknowledged at once (ACCEPTED) and the calibration runs on the
/// loop; refused (DENIED) while armed or busy, with the reason in a STATUSTEXT. Barometer, RC, temperature, airspeed
/// and ESC calibrations (param3, param4, param6, param7, and other param1/param5 values) answer UNSUPPORTED.
/// </summary>
public static class PreflightCalibrationCommand
{
    public static void Register(CommandServer commands, SensorCalibrationRunner runner, Func<bool> armed)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(armed);
        commands.Register(MavCmd.PreflightCalibration, (request, _) => Execute(request, runner, armed()));
    }

    public static CommandReply Execute(in CommandRequest request, SensorCalibrationRunner runner, bool armed)
    {
        ArgumentNullException.ThrowIfNull(runner);
        if (IsCancel(request))
        {
            runner.Cancel();
            return CommandReply.Accepted;
        }

        CalibrationKind kind = Decode(request);
        if (kind == CalibrationKind.None)
        {
            return new CommandReply(MavResult.Unsupported);
        }

        return runner.Start(kind, armed) switch
        {
            CommandOutcome.Accepted => CommandReply.Accepted,
            CommandOutcome.Denied when armed => CommandReply.Denied,
            CommandOutcome.Denied => new CommandReply(MavResult.TemporarilyRejected),
            _ => new CommandReply(MavResult.Unsupported),
        };
    }

    /// <summary>The one calibration asked for; None when none, several, or one we do not run.</summary>
    public static CalibrationKind Decode(in CommandRequest request)
    {
        bool others = request.Param3 != 0 || request.Param4 != 0 || request.Param6 != 0 || request.Param7 != 0;
        int asked = 0;
        CalibrationKind kind = CalibrationKind.None;
        if (request.Param1 != 0)
        {
            asked++;
            kind = request.Param1 == 1 ? CalibrationKind.Gyro : CalibrationKind.None;
        }

        if (request.Param2 != 0)
        {
            asked++;
            kind = request.Param2 == 1 ? CalibrationKind.Mag : CalibrationKind.None;
        }

        if (request.Param5 != 0)
        {
            asked++;
            kind = request.Param5 switch
            {
                1 => CalibrationKind.Accel,
                2 => CalibrationKind.Level,
                _ => CalibrationKind.None,
            };
        }

        return others || asked != 1 ? CalibrationKind.None : kind;
    }

    private static bool IsCancel(in CommandRequest r) =>
        r.Param1 == 0 && r.Param2 == 0 && r.Param3 == 0 && r.Param4 == 0 && r.Param5 == 0 && r.Param6 == 0 && r.Param7 == 0;
}
