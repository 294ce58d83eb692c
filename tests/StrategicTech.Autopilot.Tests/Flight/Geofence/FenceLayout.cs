using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Tests.Flight.Geofence;

/// <summary>Builds geodetic fences from shapes given in metres north/east of <see cref="KinematicVehicle.Origin"/>.</summary>
internal static class FenceLayout
{
    private static readonly LocalNedFrame Frame = new(KinematicVehicle.Origin);

    public static LatLonDeg At(double northM, double eastM)
    {
        GeodeticPosition p = Frame.FromNed(new Vector3(northM, eastM, 0));
        return new LatLonDeg(p.LatitudeRad * 180 / Math.PI, p.LongitudeRad * 180 / Math.PI);
    }

    public static GeofencePolygon Polygon(bool inclusion, params (double N, double E)[] vertices) =>
        new([.. vertices.Select(v => At(v.N, v.E))], inclusion, AltitudeBand.Unbounded);

    public static GeofenceCircle Circle(bool inclusion, double northM, double eastM, double radiusM) =>
        new(At(northM, eastM), radiusM, inclusion, AltitudeBand.Unbounded);

    /// <summary>A square inclusion fence of half-side <paramref name="halfM"/> about the origin.</summary>
    public static Navigation.Missions.Geofence Square(double halfM) =>
        new([Polygon(true, (-halfM, -halfM), (-halfM, halfM), (halfM, halfM), (halfM, -halfM))], []);

    public static Navigation.Missions.Geofence Of(IReadOnlyList<GeofencePolygon> polygons, IReadOnlyList<GeofenceCircle> circles) => new(polygons, circles);
}

/// <summary>The status texts a commander still keeps, oldest first.</summary>
internal static class KeptTexts
{
    public static IReadOnlyList<Autopilot.Flight.StatusText> Of(KinematicVehicle v)
    {
        Autopilot.Flight.StatusTextLog log = v.Commander.Status.StatusTexts!;
        var list = new List<Autopilot.Flight.StatusText>();
        for (long s = Math.Max(1, log.Count - Autopilot.Flight.StatusTextLog.Capacity + 1); s <= log.Count; s++)
        {
            if (log.TryGet(s, out Autopilot.Flight.StatusText t))
            {
                list.Add(t);
            }
        }

        return list;
    }
}
