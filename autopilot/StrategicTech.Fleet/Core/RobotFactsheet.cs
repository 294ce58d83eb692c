using StrategicTech.Drivers.Vda5050.Messages;

namespace StrategicTech.Fleet.Core;

/// <summary>
/// What the fleet manager keeps of a robot's last VDA 5050 factsheet (either layout): series, kinematics, speed and
/// footprint, load mass, the actions it offers and the protocol version it spoke.
/// </summary>
public sealed record RobotFactsheet(
    string ProtocolVersion, string SeriesName, string Kinematics, double MaxSpeedMps, double WidthM, double LengthM, double MaxLoadMassKg,
    IReadOnlyList<string> ActionTypes)
{
    public static RobotFactsheet Of(Factsheet f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new(f.Version, f.TypeSpecification.SeriesName, f.TypeSpecification.AgvKinematic, f.PhysicalParameters.SpeedMaxMps,
            f.PhysicalParameters.WidthM, f.PhysicalParameters.LengthM, f.TypeSpecification.MaxLoadMassKg,
            [.. f.ProtocolFeatures.AgvActions.Select(a => a.ActionType)]);
    }

    public static RobotFactsheet Of(FactsheetV3 f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new(f.Version, f.TypeSpecification.SeriesName, f.TypeSpecification.MobileRobotKinematics, f.PhysicalParameters.MaximumSpeedMps,
            f.PhysicalParameters.WidthM, f.PhysicalParameters.LengthM, f.TypeSpecification.MaximumLoadMassKg,
            [.. f.ProtocolFeatures.MobileRobotActions.Select(a => a.ActionType)]);
    }
}
