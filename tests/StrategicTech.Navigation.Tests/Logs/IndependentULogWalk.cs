using System.Buffers.Binary;
using System.Text;

namespace StrategicTech.Navigation.Tests.Logs;

/// <summary>
/// A deliberately minimal second reading of a ULog file written only for cross-checks: it walks message headers,
/// counts 'D' messages per msg_id, takes the first 8 bytes of each as the timestamp, and keeps 'A', 'I', 'P' raw.
/// It shares no code with the product reader.
/// </summary>
internal sealed class IndependentULogWalk
{
    public Dictionary<ushort, (string Name, byte MultiId)> Subscriptions { get; } = [];

    public Dictionary<ushort, int> DataCount { get; } = [];

    public Dictionary<ushort, (ulong First, ulong Last)> TimestampRange { get; } = [];

    public Dictionary<string, byte[]> ParameterRaw { get; } = [];

    public Dictionary<string, string> ParameterType { get; } = [];

    public Dictionary<string, byte[]> InfoRaw { get; } = [];

    public Dictionary<char, int> TypeCount { get; } = [];

    public static IndependentULogWalk Walk(byte[] file)
    {
        var walk = new IndependentULogWalk();
        int p = 16;
        while (p + 3 <= file.Length)
        {
            int size = file[p] | (file[p + 1] << 8);
            char type = (char)file[p + 2];
            if (p + 3 + size > file.Length)
            {
                break;
            }

            byte[] m = file[(p + 3)..(p + 3 + size)];
            walk.TypeCount[type] = walk.TypeCount.GetValueOrDefault(type) + 1;
            switch (type)
            {
                case 'A':
                    walk.Subscriptions[(ushort)(m[1] | (m[2] << 8))] = (Encoding.ASCII.GetString(m, 3, m.Length - 3), m[0]);
                    break;
                case 'D':
                    ushort id = (ushort)(m[0] | (m[1] << 8));
                    walk.DataCount[id] = walk.DataCount.GetValueOrDefault(id) + 1;
                    ulong ts = BinaryPrimitives.ReadUInt64LittleEndian(m.AsSpan(2));
                    walk.TimestampRange[id] = walk.TimestampRange.TryGetValue(id, out var r) ? (r.First, ts) : (ts, ts);
                    break;
                case 'P':
                case 'I':
                    string key = Encoding.ASCII.GetString(m, 1, m[0]);
                    string name = key[(key.IndexOf(' ', StringComparison.Ordinal) + 1)..];
                    byte[] value = m[(1 + m[0])..];
                    if (type == 'P')
                    {
                        walk.ParameterRaw[name] = value;
                        walk.ParameterType[name] = key[..key.IndexOf(' ', StringComparison.Ordinal)];
                    }
                    else
                    {
                        walk.InfoRaw[name] = value;
                    }

                    break;
                default:
                    break;
            }

            p += 3 + size;
        }

        return walk;
    }
}
