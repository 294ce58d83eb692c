using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Companion;

/// <summary>
/// Turns a polyline into a setpoint stream: a carrot moves along the legs at the cruise speed, slowing (at a constant
/// deceleration) to the corner speed at each vertex and to a stop at the end, and never runs more than a set lead
/// ahead of the vehicle (a vehicle held back by wind is waited for). Each step gives the carrot's position and its
/// velocity as feed-forward. Allocation-free per step; <see cref="Rejoin"/> (after a failsafe) allocates once.
/// </summary>
public sealed class RouteFollower
{
    private readonly double _cruiseMps;
    private readonly double _cornerMps;
    private readonly double _decelerationMps2;
    private readonly double _maxLeadM;
    private Vector3[] _points;
    private double[] _suffixM = [];
    private int _leg;
    private double _alongLegM;

    public RouteFollower(IReadOnlyList<Vector3> pointsNedM, double cruiseMps, double cornerMps, double decelerationMps2, double maxLeadM)
    {
        ArgumentNullException.ThrowIfNull(pointsNedM);
        if (pointsNedM.Count < 1)
        {
            throw new ArgumentException("a route needs at least one point", nameof(pointsNedM));
        }

        _points = [.. pointsNedM];
        _cruiseMps = cruiseMps;
        _cornerMps = Math.Min(cornerMps, cruiseMps);
        _decelerationMps2 = decelerationMps2;
        _maxLeadM = maxLeadM;
        ComputeSuffix();
        TotalLengthM = _suffixM[0];
        CarrotNedM = _points[0];
    }

    /// <summary>Length of the route as first given (m).</summary>
    public double TotalLengthM { get; }

    /// <summary>Distance the carrot still has to go (m).</summary>
    public double RemainingM => Math.Max(0, _suffixM[_leg] - _alongLegM);

    /// <summary>The leg the carrot is on (0-based; the point count − 1 when at the end).</summary>
    public int Leg => _leg;

    public int PointCount => _points.Length;

    public Vector3 CarrotNedM { get; private set; }

    public Vector3 VelocityNedMps { get; private set; }

    /// <summary>True once the carrot stands on the last point.</summary>
    public bool CarrotAtEnd => _leg >= _points.Length - 1;

    public Vector3 EndNedM => _points[^1];

    /// <summary>Fraction of the route flown by the carrot, 0..1.</summary>
    public double Progress => TotalLengthM > 0 ? Math.Clamp(1 - (RemainingM / TotalLengthM), 0, 1) : 1;

    /// <summary>Moves the carrot by one period of <paramref name="dtS"/> given where the vehicle is.</summary>
    public void Step(double dtS, Vector3 vehicleNedM)
    {
        if (CarrotAtEnd)
        {
            CarrotNedM = _points[^1];
            VelocityNedMps = Vector3.Zero;
            return;
        }

        Vector3 a = _points[_leg];
        Vector3 b = _points[_leg + 1];
        double legM = (b - a).Length;
        double toVertexM = legM - _alongLegM;
        bool last = _leg + 1 == _points.Length - 1;
        double endMps = last ? 0 : _cornerMps;
        // v² = v_end² + 2·a·d: the fastest speed from which the carrot still slows to v_end at the vertex.
        double speedMps = Math.Min(_cruiseMps, Math.Sqrt((endMps * endMps) + (2 * _decelerationMps2 * toVertexM)));
        if ((CarrotNedM - vehicleNedM).Length > _maxLeadM)
        {
            speedMps = 0;
        }

        // At least a millimetre while moving, so a carrot slowing to a stop still arrives in a finite time.
        double stepM = speedMps > 0 ? Math.Max(speedMps * dtS, 1e-3) : 0;
        _alongLegM += stepM;
        while (_alongLegM >= legM && !CarrotAtEnd)
        {
            _alongLegM -= legM;
            _leg++;
            if (CarrotAtEnd)
            {
                _alongLegM = 0;
                break;
            }

            a = _points[_leg];
            b = _points[_leg + 1];
            legM = (b - a).Length;
        }

        if (CarrotAtEnd)
        {
            CarrotNedM = _points[^1];
            VelocityNedMps = Vector3.Zero;
            return;
        }

        Vector3 direction = legM > 1e-9 ? (b - a) * (1 / legM) : Vector3.Zero;
        CarrotNedM = a + (direction * _alongLegM);
        VelocityNedMps = direction * speedMps;
    }

    /// <summary>
    /// Continues from <paramref name="vehicleNedM"/> (after a failsafe the vehicle stopped somewhere else): a new
    /// first leg leads from there to where the carrot stood, then the rest of the route.
    /// </summary>
    public void Rejoin(Vector3 vehicleNedM)
    {
        int rest = _points.Length - _leg - 1;
        var points = new Vector3[rest + 2];
        points[0] = vehicleNedM;
        points[1] = CarrotNedM;
        Array.Copy(_points, _leg + 1, points, 2, rest);
        _points = points;
        _leg = 0;
        _alongLegM = 0;
        ComputeSuffix();
        CarrotNedM = vehicleNedM;
        VelocityNedMps = Vector3.Zero;
    }

    private void ComputeSuffix()
    {
        _suffixM = new double[_points.Length];
        for (int i = _points.Length - 2; i >= 0; i--)
        {
            _suffixM[i] = _suffixM[i + 1] + (_points[i + 1] - _points[i]).Length;
        }
    }
}
