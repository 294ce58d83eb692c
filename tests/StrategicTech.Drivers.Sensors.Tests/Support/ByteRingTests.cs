using StrategicTech.Drivers.Sensors.Common;
using StrategicTech.TestSupport;

namespace StrategicTech.Drivers.Sensors.Tests.Support;

public sealed class ByteRingTests
{
    [Fact]
    public void Bytes_come_out_in_order_across_the_wrap()
    {
        var ring = new ByteRing(16);
        byte[] out1 = new byte[10];
        Assert.Equal(10, ring.Write([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
        Assert.Equal(10, ring.Read(out1));
        Assert.Equal(12, ring.Write([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21]));

        byte[] out2 = new byte[32];
        int n = ring.Read(out2);

        Assert.Equal(12, n);
        Assert.Equal([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21], out2[..n]);
        Assert.Equal(0, ring.Read(out2));
    }

    [Fact]
    public void A_full_ring_drops_and_counts_the_excess_without_touching_unread_bytes()
    {
        var ring = new ByteRing(16);
        byte[] twenty = new byte[20];
        for (int i = 0; i < twenty.Length; i++)
        {
            twenty[i] = (byte)i;
        }

        Assert.Equal(16, ring.Write(twenty));
        Assert.Equal(4, ring.DroppedBytes);
        byte[] back = new byte[20];
        Assert.Equal(16, ring.Read(back));
        Assert.Equal(twenty[..16], back[..16]);
    }

    [Fact]
    public void Write_and_read_allocate_nothing()
    {
        var ring = new ByteRing(64);
        byte[] chunk = new byte[24];
        byte[] back = new byte[24];
        Allocations.AssertZero(() =>
        {
            ring.Write(chunk);
            ring.Read(back);
        });
    }
}
