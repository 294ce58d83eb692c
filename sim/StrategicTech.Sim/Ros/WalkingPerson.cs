namespace StrategicTech.Sim.Ros;

/// <summary>A person walking back and forth between two map points at a steady pace (a moving lidar obstacle).</summary>
public sealed class WalkingPerson
{
    private readonly double _ax, _ay, _bx, _by, _speedMps;
    private double _s;

    public WalkingPerson(double ax, double ay, double bx, double by, double speedMps, double radiusM = 0.25)
    {
        (_ax, _ay, _bx, _by, _speedMps) = (ax, ay, bx, by, speedMps);
        RadiusM = radiusM;
        XM = ax;
        YM = ay;
    }

    public double RadiusM { get; }

    public double XM { get; private set; }

    public double YM { get; private set; }

    public void Step(double dtS)
    {
        double length = Math.Max(1e-6, Math.Sqrt(((_bx - _ax) * (_bx - _ax)) + ((_by - _ay) * (_by - _ay))));
        _s = (_s + (_speedMps * dtS)) % (2 * length);
        double along = _s <= length ? _s : (2 * length) - _s;
        XM = _ax + ((_bx - _ax) * along / length);
        YM = _ay + ((_by - _ay) * along / length);
    }
}
