using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Companion;

/// <summary>
/// A route planned on the companion: points in the home-relative NED frame (metres; home at the origin, height above
/// home is −Z), flown in order after the takeoff, then a landing at the last point when <see cref="LandAtEnd"/>.
/// <see cref="Description"/> says where it came from (mission file, survey), for the progress report.
/// </summary>
public sealed record CompanionRoute(IReadOnlyList<Vector3> PointsNedM, bool LandAtEnd, string Description)
{
    public double LengthM
    {
        get
        {
            double sum = 0;
            for (int i = 1; i < PointsNedM.Count; i++)
            {
                sum += (PointsNedM[i] - PointsNedM[i - 1]).Length;
            }

            return sum;
        }
    }
}

/// <summary>Home as the flight controller reports it (HOME_POSITION): geodetic, and its place in the FC's local NED frame.</summary>
public readonly record struct HomeReference(Navigation.Geodesy.GeodeticPosition Geodetic, Vector3 LocalNedM);
