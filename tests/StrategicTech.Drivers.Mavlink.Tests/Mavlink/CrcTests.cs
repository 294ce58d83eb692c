using FsCheck.Xunit;
using StrategicTech.Drivers.Mavlink;

namespace StrategicTech.Drivers.Mavlink.Tests.Mavlink;

/// <summary>The table-driven CRC equals the spec's bitwise X.25 step and the CRC-16/MCRF4XX check value.</summary>
public sealed class CrcTests
{
    [Fact]
    public void Check_value_of_123456789_is_6F91()
    {
        Assert.Equal(0x6F91, MavlinkCrc.Accumulate("123456789"u8));
    }

    [Property(MaxTest = 500)]
    public bool Sliced_crc_equals_the_bitwise_definition(byte[] data, ushort seed)
    {
        data ??= [];
        ushort reference = seed;
        foreach (byte b in data)
        {
            reference = MavlinkCrc.AccumulateBitwise(b, reference);
        }

        return MavlinkCrc.Accumulate(data, seed) == reference;
    }
}
