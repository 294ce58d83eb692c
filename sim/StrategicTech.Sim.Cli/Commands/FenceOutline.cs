using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>
/// One fence shape as the track plot draws it: a closed outline in metres of the vehicle's home frame (east, north),
/// the first vertex repeated at the end. Circles are drawn as <see cref="CircleSegments"/>-gon outlines.
/// </summary>
public sealed record FenceOutline(string Label, bool IsInclusion, bool IsCircle, double[] EastM, double[] NorthM)
{
    public const int CircleSegments = 72;

    /// <summary>The outlines of every polygon and circle of <paramref name="fence"/> about <paramref name="home"/> (empty without a fence).</summary>
    public static IReadOnlyList<FenceOutline> Of(Geofence? fence, GeodeticPosition home)
    {
        if (fence is null || fence.IsEmpty)
        {
            return [];
        }

        var frame = new LocalNedFrame(home);
        var outlines = new List<FenceOutline>();
        foreach (GeofencePolygon polygon in fence.Polygons)
        {
            int n = polygon.Vertices.Count;
            double[] east = new double[n + 1], north = new double[n + 1];
            for (int i = 0; i <= n; i++)
            {
                LatLonDeg v = polygon.Vertices[i % n];
                Vector3 ned = frame.ToNed(GeodeticPosition.FromDegrees(v.LatitudeDeg, v.LongitudeDeg, home.HeightM));
                east[i] = ned.Y;
                north[i] = ned.X;
            }

            outlines.Add(new FenceOutline(polygon.IsInclusion ? "inclusion polygon" : "exclusion polygon", polygon.IsInclusion, false, east, north));
        }

        foreach (GeofenceCircle circle in fence.Circles)
        {
            Vector3 centre = frame.ToNed(GeodeticPosition.FromDegrees(circle.Center.LatitudeDeg, circle.Center.LongitudeDeg, home.HeightM));
            double[] east = new double[CircleSegments + 1], north = new double[CircleSegments + 1];
            for (int i = 0; i <= CircleSegments; i++)
            {
                double angleRad = 2 * Math.PI * i / CircleSegments;
                east[i] = centre.Y + (circle.RadiusM * Math.Sin(angleRad));
                north[i] = centre.X + (circle.RadiusM * Math.Cos(angleRad));
            }

            outlines.Add(new FenceOutline(circle.IsInclusion ? "inclusion circle" : "exclusion circle", circle.IsInclusion, true, east, north));
        }

        return outlines;
    }
}
