using System.Globalization;
using System.Text.Json;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Sim.Scenarios;

/// <summary>
/// Reads a vehicle's <c>sensorErrors</c> object strictly (units in the key names; ranges wide enough for any real
/// miscalibration, narrow enough to catch a unit mistake such as degrees where radians are meant).
/// </summary>
internal static class SensorErrorsReader
{
    private const double DegToRad = Math.PI / 180;

    private static readonly string[] Keys =
    [
        "gyroBiasDegps", "accelOffsetMps2", "accelScale", "accelCrossAxis", "magHardIronGauss", "magSoftIron", "boardRollOffsetDeg", "boardPitchOffsetDeg",
    ];

    public static SensorErrors Read(ScenarioJsonNode node)
    {
        node.ExpectObject(Keys);
        Matrix3 crossAxis = Matrix3.Identity;
        if (node.Optional("accelCrossAxis") is { } c)
        {
            crossAxis = ReadMatrix(c, -0.1, 0.1, offDiagonalOnly: true) + Matrix3.Identity;
        }

        Matrix3 softIron = Matrix3.Identity;
        if (node.Optional("magSoftIron") is { } s)
        {
            softIron = ReadMatrix(s, -2, 2, offDiagonalOnly: false);
            if (softIron.Determinant < 0.25)
            {
                throw s.Fail(string.Create(CultureInfo.InvariantCulture, $"the soft-iron matrix must be close to a scaled rotation (determinant ≥ 0.25), got determinant {softIron.Determinant:G4}"));
            }
        }

        return new SensorErrors
        {
            GyroBiasRadps = (node.Optional("gyroBiasDegps")?.Vector(-10, 10) ?? Vector3.Zero) * DegToRad,
            AccelOffsetMps2 = node.Optional("accelOffsetMps2")?.Vector(-3, 3) ?? Vector3.Zero,
            AccelScale = node.Optional("accelScale")?.Vector(0.8, 1.2) ?? new Vector3(1, 1, 1),
            AccelCrossAxis = crossAxis,
            MagHardIronGauss = node.Optional("magHardIronGauss")?.Vector(-2, 2) ?? Vector3.Zero,
            MagSoftIron = softIron,
            BoardRollOffsetRad = node.OptionalNumber("boardRollOffsetDeg", -20, 20, 0) * DegToRad,
            BoardPitchOffsetRad = node.OptionalNumber("boardPitchOffsetDeg", -20, 20, 0) * DegToRad,
        };
    }

    /// <summary>Three rows of three numbers; with <paramref name="offDiagonalOnly"/> the diagonal must be 0.</summary>
    private static Matrix3 ReadMatrix(ScenarioJsonNode node, double min, double max, bool offDiagonalOnly)
    {
        if (node.Element.ValueKind != JsonValueKind.Array || node.Element.GetArrayLength() != 3)
        {
            throw node.Fail("expected 3 rows of 3 numbers ([[a, b, c], [d, e, f], [g, h, i]])");
        }

        var rows = new Vector3[3];
        int i = 0;
        foreach (ScenarioJsonNode row in node.Items())
        {
            rows[i] = row.Vector(min, max);
            double diagonal = i == 0 ? rows[i].X : i == 1 ? rows[i].Y : rows[i].Z;
            if (offDiagonalOnly && diagonal != 0)
            {
                throw row.Fail("the diagonal of a cross-axis matrix must be 0 (per-axis gain is accelScale)");
            }

            i++;
        }

        return new Matrix3(rows[0].X, rows[0].Y, rows[0].Z, rows[1].X, rows[1].Y, rows[1].Z, rows[2].X, rows[2].Y, rows[2].Z);
    }
}
