using System.Runtime.CompilerServices;

namespace StrategicTech.Navigation.Numerics;

/// <summary>
/// Sine and cosine of a double angle as double-doubles, accurate to about 1e-20 absolute for |x| up to about 1e9 rad:
/// some 15 bits beyond double, which is what rounding (N + h)·cos φ·cos λ once needs (the ECEF error it leaves is
/// below 1e-13 m). Cody–Waite reduction by π/32 (π/32 held as three doubles, products exact by FMA), a table of
/// sin(jπ/32) in double-double, short Taylor series on |r| ≤ π/64 whose small tails run in double, and the angle-sum
/// formulas in double-double.
/// </summary>
public static class DoubleDoubleTrig
{
    // π/32 = P1 + P2 + P3 to about 160 bits.
    private const double PiOver32Part1 = 0.09817477042468103;
    private const double PiOver32Part2 = 3.827021247335479e-18;
    private const double PiOver32Part3 = -9.358655655369811e-35;
    private const double ThirtyTwoOverPi = 10.185916357881302;

    // sin(jπ/32), j = 0..16, split into double pairs (cos(jπ/32) = sin((16 − j)π/32)).
    private static readonly double[] TableHi =
    [
        0.0, 0.0980171403295606, 0.19509032201612828, 0.2902846772544624, 0.3826834323650898, 0.47139673682599764,
        0.5555702330196022, 0.6343932841636455, 0.7071067811865476, 0.773010453362737, 0.8314696123025452,
        0.881921264348355, 0.9238795325112867, 0.9569403357322088, 0.9807852804032304, 0.9951847266721969, 1.0,
    ];

    private static readonly double[] TableLo =
    [
        0.0, -1.634582362244256e-18, -7.991079068461731e-18, -1.892797870777425e-17, -1.0050772696461588e-17,
        6.516678136069013e-18, 4.709410940561677e-17, 1.0420901929280035e-17, -4.833646656726457e-17,
        -3.256590703364977e-17, 1.4073856984728024e-18, -1.9843248405890562e-17, 1.7645047084336677e-17,
        4.05538698618757e-17, 1.8546939997825006e-17, -4.248691367830441e-17, 0.0,
    ];

    /// <summary>sin x and cos x of a finite angle (rad) as double-doubles (error near 1e-20).</summary>
    public static void SinCos(double x, out DoubleDouble sin, out DoubleDouble cos)
    {
        double k = Math.Round(x * ThirtyTwoOverPi);
        DoubleDouble r = x;
        if (k != 0)
        {
            r = r - DoubleDouble.TwoProduct(k, PiOver32Part1) - DoubleDouble.TwoProduct(k, PiOver32Part2) - (k * PiOver32Part3);
        }

        // |r| ≤ π/64: the terms beyond r (sine) and r²/2 (cosine) are below 2e-5 and 3e-7, so double suffices for them.
        double u = r.Hi * r.Hi;
        double sinTail = r.Hi * u * (-1.0 / 6 + (u * ((1.0 / 120) + (u * ((-1.0 / 5040) + (u * (1.0 / 362880)))))));
        double cosTail = u * u * ((1.0 / 24) + (u * ((-1.0 / 720) + (u * ((1.0 / 40320) + (u * (-1.0 / 3628800)))))));
        DoubleDouble sr = r + sinTail;
        DoubleDouble cr = (1 - ((r * r) * 0.5)) + cosTail;

        long n = (long)k;
        int j = (int)(n & 15);
        var sj = new DoubleDouble(TableHi[j], TableLo[j]);
        var cj = new DoubleDouble(TableHi[16 - j], TableLo[16 - j]);
        DoubleDouble s = (sj * cr) + (cj * sr);
        DoubleDouble c = (cj * cr) - (sj * sr);
        Quadrant((int)((n >> 4) & 3), s, c, out sin, out cos);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Quadrant(int q, DoubleDouble s, DoubleDouble c, out DoubleDouble sin, out DoubleDouble cos)
    {
        switch (q)
        {
            case 0:
                sin = s;
                cos = c;
                break;
            case 1:
                sin = c;
                cos = -s;
                break;
            case 2:
                sin = -s;
                cos = -c;
                break;
            default:
                sin = -c;
                cos = s;
                break;
        }
    }
}
