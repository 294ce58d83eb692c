namespace StrategicTech.Sim.Ros;

/// <summary>
/// A person walking back and forth between two map points at a steady pace (a moving lidar obstacle); optionally
/// standing at the first point for a while before setting off, and walking only once to the second point and staying.
/// </summary>
public sealed class WalkingPerson
{
    private readonly double _ax, _ay, _bx, _by, _speedMps;
    private readonly double _waitS;
    private readonly bool _oneWay;
    private double _s;
    private double _elapsedS;

    /// <param name="waitS">Time standing at (ax, ay) before the walk starts.</param>
    /// <param name="oneWay">Walk to (bx, by) once and stay there (otherwise back and forth).</param>
    public WalkingPerson(double ax, double ay, double bx, double by, double speedMps, double radiusM = 0.25, double waitS = 0, bool oneWay = false)
    {
        (_ax, _ay, _bx, _by, _speedMps) = (ax, ay, bx, by, speedMps);
        (_waitS, _oneWay) = (waitS, oneWay);
        RadiusM = radiusM;
        XM = ax;
        YM = ay;
    }

    public double RadiusM { get; }

    public double XM { get; private set; }

    public double YM { get; private set; }

    public void Step(double dtS)
    {
        _elapsedS += dtS;
        if (_elapsedS <= _waitS)
        {
            return;
        }

        double length = Math.Max(1e-6, Math.Sqrt(((_bx - _ax) * (_bx - _ax)) + ((_by - _ay) * (_by - _ay))));
        double walkS = Math.Min(dtS, _elapsedS - _waitS);
        _s = _oneWay ? Math.Min(length, _s + (_speedMps * walkS)) : (_s + (_speedMps * walkS)) % (2 * length);
        double along = _s <= length ? _s : (2 * length) - _s;
        XM = _ax + ((_bx - _ax) * along / length);
        YM = _ay + ((_by - _ay) * along / length);
    }
}
