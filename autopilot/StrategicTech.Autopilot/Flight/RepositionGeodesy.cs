using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// The geodesy of a reposition (MAV_CMD_DO_REPOSITION): checks the command's fields and turns latitude/longitude and
/// height above home into a local NED target. NaN latitude and longitude keep the horizontal target, NaN height keeps
/// the vertical one. No allocation.
/// </summary>
public static class RepositionGeodesy
{
    /// <summary>True when the fields make a reposition: both or neither coordinate, in range; finite or NaN height and speed.</summary>
    public static bool IsValid(double latitudeDeg, double longitudeDeg, double heightAboveHomeM, double speedMps)
    {
        bool horizontal = double.IsFinite(latitudeDeg) && double.IsFinite(longitudeDeg);
        return !((!horizontal && !(double.IsNaN(latitudeDeg) && double.IsNaN(longitudeDeg)))
            || (horizontal && (Math.Abs(latitudeDeg) > 90 || Math.Abs(longitudeDeg) > 180))
            || double.IsInfinity(heightAboveHomeM) || Math.Abs(heightAboveHomeM) > 10_000 || double.IsInfinity(speedMps));
    }

    /// <summary>
    /// The target in the local frame of <paramref name="origin"/>: <paramref name="currentNedM"/> with the horizontal
    /// position replaced when the coordinates are given (at the origin's height) and the down position replaced by
    /// <paramref name="heightAboveHomeM"/> above <paramref name="homeNedM"/> when it is finite.
    /// </summary>
    public static Vector3 TargetNedM(
        in GeodeticPosition origin, in Vector3 currentNedM, in Vector3 homeNedM, double latitudeDeg, double longitudeDeg, double heightAboveHomeM)
    {
        Vector3 targetNedM = currentNedM;
        if (double.IsFinite(latitudeDeg) && double.IsFinite(longitudeDeg))
        {
            Vector3 ned = new LocalNedFrame(origin).ToNed(GeodeticPosition.FromDegrees(latitudeDeg, longitudeDeg, origin.HeightM));
            targetNedM = new Vector3(ned.X, ned.Y, targetNedM.Z);
        }

        if (double.IsFinite(heightAboveHomeM))
        {
            targetNedM = new Vector3(targetNedM.X, targetNedM.Y, homeNedM.Z - heightAboveHomeM);
        }

        return targetNedM;
    }
}
