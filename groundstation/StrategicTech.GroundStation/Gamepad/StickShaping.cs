namespace StrategicTech.GroundStation.Gamepad;

/// <summary>
/// A stick axis from SDL's raw value to -1..1: a dead band around the centre (a worn pad never rests at zero)
/// rescaled so the output still reaches ±1 at full deflection, then expo (fine control near the centre):
/// out = (1 - e)·a + e·a³.
/// </summary>
public static class StickShaping
{
    public static double Shape(short raw, double deadBand, double expo)
    {
        double x = Math.Clamp(raw / 32767.0, -1, 1);
        double a = Math.Abs(x);
        if (a <= deadBand)
        {
            return 0;
        }

        a = (a - deadBand) / (1 - deadBand);
        a = ((1 - expo) * a) + (expo * a * a * a);
        return Math.CopySign(a, x);
    }
}
