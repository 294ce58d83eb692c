using StrategicTech.Navigation.Calibration;

namespace StrategicTech.Autopilot.Calibration;

/// <summary>
/// The STATUSTEXT lines of a calibration, worded as PX4's calibration messages because QGroundControl runs its
/// calibration screen from them ("[cal] calibration started: 2 accel", "[cal] down orientation detected",
/// "[cal] progress &lt;50&gt;", "[cal] calibration done: accel"; the 2 is the protocol version). All built once, so
/// announcing never allocates on the loop.
/// </summary>
internal static class CalibrationMessages
{
    public const string Cancelled = "[cal] calibration cancelled";
    public const string RotateAround = "[cal] rotate the vehicle around the detected orientation";
    public const string HoldStill = "[cal] motion detected, hold the side still";
    public const string DeniedArmed = "Calibration denied: vehicle armed";
    public const string DeniedBusy = "Calibration denied: another calibration is running";

    private static readonly string[] Progress = [.. Enumerable.Range(0, 101).Select(p => $"[cal] progress <{p}>")];
    private static readonly string[] Detected = Sides(side => $"[cal] {side} orientation detected");
    private static readonly string[] SideDone = Sides(side => $"[cal] {side} side done, rotate to a different side");
    private static readonly string[] AlreadyDone = Sides(side => $"[cal] {side} side already completed");

    public static string Started(CalibrationKind kind) => kind switch
    {
        CalibrationKind.Gyro => "[cal] calibration started: 2 gyro",
        CalibrationKind.Mag => "[cal] calibration started: 2 mag",
        CalibrationKind.Accel => "[cal] calibration started: 2 accel",
        _ => "[cal] calibration started: 2 level",
    };

    public static string Done(CalibrationKind kind) => kind switch
    {
        CalibrationKind.Gyro => "[cal] calibration done: gyro",
        CalibrationKind.Mag => "[cal] calibration done: mag",
        CalibrationKind.Accel => "[cal] calibration done: accel",
        _ => "[cal] calibration done: level",
    };

    public static string Failed(CalibrationProblem problem) => problem switch
    {
        CalibrationProblem.Motion => "[cal] calibration failed: vehicle moved",
        CalibrationProblem.TooFewSamples => "[cal] calibration failed: reading sensor",
        CalibrationProblem.Orientation => "[cal] calibration failed: orientation",
        CalibrationProblem.Singular => "[cal] calibration failed: singular data",
        CalibrationProblem.Coverage => "[cal] calibration failed: rotate through more directions",
        CalibrationProblem.PoorFit => "[cal] calibration failed: poor fit",
        CalibrationProblem.OutOfRange => "[cal] calibration failed: result out of range",
        _ => "[cal] calibration failed: timeout",
    };

    public static string ProgressText(int percent) => Progress[Math.Clamp(percent, 0, 100)];

    public static string DetectedText(AccelOrientation side) => Detected[(int)side];

    public static string SideDoneText(AccelOrientation side) => SideDone[(int)side];

    public static string AlreadyDoneText(AccelOrientation side) => AlreadyDone[(int)side];

    private static string[] Sides(Func<string, string> format) =>
        [.. Enumerable.Range(0, OrientationDetector.SideCount).Select(i => format(OrientationDetector.Name((AccelOrientation)i)))];
}
