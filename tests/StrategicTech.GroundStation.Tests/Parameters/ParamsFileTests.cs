using FsCheck;
using FsCheck.Xunit;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Microservices.Parameters;
using StrategicTech.GroundStation.Parameters;

namespace StrategicTech.GroundStation.Tests.Parameters;

/// <summary>QGroundControl <c>.params</c> files: what QGC writes parses; every bad line names file, line and field; writing and reading round-trips.</summary>
public sealed class ParamsFileTests
{
    // The layout QGroundControl writes (tab-separated, MAV_PARAM_TYPE numbers: 6 = INT32, 9 = REAL32, 1 = UINT8).
    private const string QgcSample = "# Onboard parameters for Vehicle 1\n#\n# Stack: PX4 Pro\n# Vehicle: Multi-Rotor\n#\n# Vehicle-Id Component-Id Name Value Type\n"
        + "1\t1\tCOM_DISARM_LAND\t2.000000000000000000\t9\n1\t1\tMC_AIRFRAME\t0\t6\n1\t1\tNAV_DLL_ACT\t2\t6\n1\t1\tSYS_AUTOSTART\t4001\t6\n1\t1\tCAL_ACC0_ID\t1\t1\r\n";

    [Fact]
    public void A_file_in_qgroundcontrols_layout_parses_every_line_with_its_type()
    {
        IReadOnlyList<ParamsFileEntry> entries = ParamsFile.Parse(QgcSample, "sample.params");

        Assert.Equal(5, entries.Count);
        Assert.Equal(new ParamsFileEntry(1, 1, "COM_DISARM_LAND", ParameterValue.FromFloat(2f), 7), entries[0]);
        Assert.Equal(ParameterValue.FromInteger(MavParamType.Int32, 4001), entries[3].Value);
        Assert.Equal(ParameterValue.FromInteger(MavParamType.Uint8, 1), entries[4].Value);
    }

    [Theory]
    [InlineData("1\t1\tMC_AIRFRAME\t0\n", "bad.params:1: expected 5 fields")]
    [InlineData("# c\n1\t1\tMC_AIRFRAME\t0\t7\n", "bad.params:2: type '7' of MC_AIRFRAME")]
    [InlineData("1\t1\tCAL_ACC0_ID\t300\t1\n", "bad.params:1: value of CAL_ACC0_ID: 300 is outside an unsigned 8-bit parameter")]
    [InlineData("1\t1\tSYS_AUTOSTART\t4001.5\t6\n", "bad.params:1: value of SYS_AUTOSTART: 4001.5 is not a whole number")]
    [InlineData("1\t1\tMPC_XY_CRUISE\tfast\t9\n", "bad.params:1: value of MPC_XY_CRUISE: 'fast' is not a number")]
    [InlineData("1\t1\tA_NAME_LONGER_THAN_16\t1\t9\n", "bad.params:1: name 'A_NAME_LONGER_THAN_16' is longer than the 16 characters")]
    [InlineData("300\t1\tX\t1\t9\n", "bad.params:1: vehicle-id '300' is not a number from 0 to 255")]
    [InlineData("1\t1\tX\t1\t9\n1\t1\tX\t2\t9\n", "bad.params:2: X appears twice")]
    public void A_malformed_line_is_refused_naming_the_file_the_line_and_the_field(string text, string expectedStart)
    {
        ParamsFileException error = Assert.Throws<ParamsFileException>(() => ParamsFile.Parse(text, "bad.params"));
        Assert.StartsWith(expectedStart, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_and_an_oversized_file_are_refused_with_their_path()
    {
        string dir = Directory.CreateTempSubdirectory("params").FullName;
        try
        {
            string missing = Path.Combine(dir, "none.params");
            Assert.Contains("no such file", Assert.Throws<ParamsFileException>(() => ParamsFile.Read(missing)).Message, StringComparison.Ordinal);
            string big = Path.Combine(dir, "big.params");
            using (FileStream f = File.Create(big))
            {
                f.SetLength(ParamsFile.MaxBytes + 1);
            }

            Assert.Contains("larger than the", Assert.Throws<ParamsFileException>(() => ParamsFile.Read(big)).Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Property(MaxTest = 200)]
    public void Writing_then_reading_returns_every_entry_with_its_exact_value(int seed, PositiveInt countSeed)
    {
        var random = new Random(seed);
        MavParamType[] types = [MavParamType.Uint8, MavParamType.Int8, MavParamType.Uint16, MavParamType.Int16, MavParamType.Uint32, MavParamType.Int32, MavParamType.Real32];
        var entries = new List<ParamsFileEntry>();
        int count = 1 + (countSeed.Get % 40);
        for (int i = 0; i < count; i++)
        {
            MavParamType type = types[random.Next(types.Length)];
            ParameterValue value = type == MavParamType.Real32
                ? ParameterValue.FromFloat(BitConverter.Int32BitsToSingle(random.Next()) is float f && float.IsFinite(f) ? f : (float)random.NextDouble())
                : ParameterValue.FromInteger(type, Bounds(type, random));
            entries.Add(new ParamsFileEntry((byte)random.Next(256), (byte)random.Next(256), "P" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), value));
        }

        IReadOnlyList<ParamsFileEntry> read = ParamsFile.Parse(ParamsFile.Format(entries, "test"), "roundtrip");

        Assert.Equal(
            entries.Select(e => (e.SystemId, e.ComponentId, e.Name, e.Value)).OrderBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.SystemId),
            read.Select(e => (e.SystemId, e.ComponentId, e.Name, e.Value)).OrderBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.SystemId));
    }

    private static long Bounds(MavParamType type, Random random) => type switch
    {
        MavParamType.Uint8 => random.Next(256),
        MavParamType.Int8 => random.Next(-128, 128),
        MavParamType.Uint16 => random.Next(65536),
        MavParamType.Int16 => random.Next(-32768, 32768),
        MavParamType.Uint32 => random.NextInt64(0, 1L << 32),
        _ => random.NextInt64(int.MinValue, (long)int.MaxValue + 1),
    };
}
