using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.GroundStation.Link;

namespace StrategicTech.GroundStation.App;

/// <summary>What the fly view needs from the link to command a vehicle (the live <see cref="GroundLink"/>, or a recorder in tests).</summary>
public interface ICommandSender
{
    CommandOutcome Send(string name, byte targetSystem, MavCmd command, float p1 = 0, float p2 = 0, float p3 = 0, float p4 = 0, float p5 = 0, float p6 = 0, float p7 = 0);

    CommandOutcome GoTo(byte targetSystem, double latDeg, double lonDeg, float heightAboveHomeM);
}
