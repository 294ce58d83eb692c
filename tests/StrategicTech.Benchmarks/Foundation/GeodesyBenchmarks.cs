using BenchmarkDotNet.Attributes;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Benchmarks.Foundation;

/// <summary>Geodetic ↔ ECEF, NED and ellipsoidal distance: the conversions an estimator and a mission executor run per cycle.</summary>
[MemoryDiagnoser]
public class GeodesyBenchmarks
{
    private readonly GeodeticPosition _position = GeodeticPosition.FromDegrees(47.397742, 8.545594, 488);
    private readonly GeodeticPosition _nearby = GeodeticPosition.FromDegrees(47.401, 8.551, 520);
    private readonly GeodeticPosition _antipodalA = GeodeticPosition.FromDegrees(56.320923501171, 0, 0);
    private readonly GeodeticPosition _antipodalB = GeodeticPosition.FromDegrees(-56.320923501171, 179.664747671772880215, 0);
    private readonly LocalNedFrame _frame = new(GeodeticPosition.FromDegrees(47.397742, 8.545594, 488));
    private readonly Vector3 _ecef = Ecef.FromGeodetic(GeodeticPosition.FromDegrees(47.397742, 8.545594, 488));
    private readonly Vector3 _ned = new(120.5, -340.25, -35);

    [Benchmark]
    public Vector3 GeodeticToEcef() => Ecef.FromGeodetic(_position);

    [Benchmark]
    public GeodeticPosition EcefToGeodetic() => Ecef.ToGeodetic(_ecef);

    [Benchmark]
    public Vector3 GeodeticToNed() => _frame.ToNed(_nearby);

    [Benchmark]
    public GeodeticPosition NedToGeodetic() => _frame.FromNed(_ned);

    [Benchmark]
    public GeodesicInverse InverseShort() => Geodesic.Inverse(_position, _nearby);

    [Benchmark]
    public GeodesicInverse InverseNearlyAntipodal() => Geodesic.Inverse(_antipodalA, _antipodalB);

    [Benchmark]
    public GeodesicDirect Direct() => Geodesic.Direct(_position, 0.8, 25_000);

    [Benchmark]
    public double NormalGravityAt() => NormalGravity.AtMps2(_position);
}
