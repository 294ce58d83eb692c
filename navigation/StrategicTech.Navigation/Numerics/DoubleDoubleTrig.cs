namespace StrategicTech.Navigation.Numerics;

/// <summary>
/// Sine and cosine of a double angle to double-double precision (error near 1e-32 for |x| up to about 1e9 rad), so
/// products such as (N + h)·cos φ·cos λ can be rounded to double once. Cody–Waite reduction by π/2 with π/2 held
/// as three doubles and exact FMA products, then Taylor series on |r| ≤ π/4: the terms above 1e-16 in double-double,
/// the smaller tail in double.
/// </summary>
public static class DoubleDoubleTrig
{
    // π/2 = P1 + P2 + P3 to about 160 bits (P1 is Math.PI / 2).
    private const double PiOver2Part1 = 1.5707963267948966;
    private const double PiOver2Part2 = 6.123233995736766e-17;
    private const double PiOver2Part3 = -1.4973849048591698e-33;
    private const double TwoOverPi = 0.6366197723675814;

    // (−1)^k / (2k+1)! and (−1)^k / (2k)!, split into double pairs; the tails (k ≥ 8 and k ≥ 9) need only the double.
    private static readonly double[] SinHi =
    [
        1.0, -0.16666666666666666, 0.008333333333333333, -0.0001984126984126984, 2.7557319223985893e-06,
        -2.505210838544172e-08, 1.6059043836821613e-10, -7.647163731819816e-13, 2.8114572543455206e-15,
        -8.22063524662433e-18, 1.9572941063391263e-20, -3.868170170630684e-23, 6.446950284384474e-26,
        -9.183689863795546e-29, 1.1309962886447716e-31,
    ];

    private static readonly double[] SinLo =
    [
        0.0, -9.25185853854297e-18, 1.1564823173178714e-19, -1.7209558293420705e-22, -1.858393274046472e-22,
        1.448814070935912e-24, 1.2585294588752098e-26, -7.03872877733453e-30,
    ];

    private static readonly double[] CosHi =
    [
        1.0, -0.5, 0.041666666666666664, -0.001388888888888889, 2.48015873015873e-05, -2.755731922398589e-07,
        2.08767569878681e-09, -1.1470745597729725e-11, 4.779477332387385e-14, -1.5619206968586225e-16,
        4.110317623312165e-19, -8.896791392450574e-22, 1.6117375710961184e-24, -2.4795962632247976e-27,
        3.279889237069838e-30,
    ];

    private static readonly double[] CosLo =
    [
        0.0, 0.0, 2.3129646346357427e-18, 5.300543954373577e-20, 2.1511947866775882e-23, -2.3767714622250297e-23,
        -1.20734505911326e-25, -2.0655512752830745e-28, 4.399205485834081e-31,
    ];

    /// <summary>sin x and cos x of a finite angle (rad) as double-doubles.</summary>
    public static void SinCos(double x, out DoubleDouble sin, out DoubleDouble cos)
    {
        double k = Math.Round(x * TwoOverPi);
        DoubleDouble r = x;
        if (k != 0)
        {
            r = r - DoubleDouble.TwoProduct(k, PiOver2Part1) - DoubleDouble.TwoProduct(k, PiOver2Part2) - (k * PiOver2Part3);
        }

        DoubleDouble u = r * r;
        DoubleDouble s = r * SinSeries(u);
        DoubleDouble c = CosSeries(u);
        switch ((long)k & 3)
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

    private static DoubleDouble SinSeries(DoubleDouble u)
    {
        double tail = SinHi[^1];
        for (int k = SinHi.Length - 2; k >= SinLo.Length; k--)
        {
            tail = SinHi[k] + (u.Hi * tail);
        }

        DoubleDouble acc = tail;
        for (int k = SinLo.Length - 1; k >= 0; k--)
        {
            acc = new DoubleDouble(SinHi[k], SinLo[k]) + (u * acc);
        }

        return acc;
    }

    private static DoubleDouble CosSeries(DoubleDouble u)
    {
        double tail = CosHi[^1];
        for (int k = CosHi.Length - 2; k >= CosLo.Length; k--)
        {
            tail = CosHi[k] + (u.Hi * tail);
        }

        DoubleDouble acc = tail;
        for (int k = CosLo.Length - 1; k >= 0; k--)
        {
            acc = new DoubleDouble(CosHi[k], CosLo[k]) + (u * acc);
        }

        return acc;
    }
}
