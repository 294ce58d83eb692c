using System.Text.Json;

namespace StrategicTech.Drivers.Rosbridge.Protocol;

/// <summary>
/// Finds id, data, num and total of a JSON <c>fragment</c> op with one forward pass of <see cref="Utf8JsonReader"/>,
/// without building a document or strings, so reassembly allocates nothing. Anything else (another op, an escaped id,
/// a missing or mistyped field, invalid JSON) answers false and is left to the envelope parser, which reports it.
/// </summary>
public static class JsonFragmentScanner
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    /// <summary><paramref name="dataToken"/> is the data string token with its quotes, still escaped.</summary>
    public static bool TryRead(ReadOnlySpan<byte> frame, out Range idUtf8, out Range dataToken, out int num, out int total)
    {
        idUtf8 = default;
        dataToken = default;
        num = -1;
        total = -1;
        bool isFragment = false, hasId = false, hasData = false;
        try
        {
            var r = new Utf8JsonReader(frame, Options);
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("op"u8))
                {
                    r.Read();
                    isFragment = r.TokenType == JsonTokenType.String && r.ValueTextEquals("fragment"u8);
                    if (!isFragment)
                    {
                        return false;
                    }
                }
                else if (r.ValueTextEquals("id"u8))
                {
                    r.Read();
                    if (r.TokenType != JsonTokenType.String || r.ValueIsEscaped)
                    {
                        return false;
                    }

                    int start = (int)r.TokenStartIndex + 1; // past the opening quote
                    idUtf8 = new Range(start, start + r.ValueSpan.Length);
                    hasId = true;
                }
                else if (r.ValueTextEquals("data"u8))
                {
                    r.Read();
                    if (r.TokenType != JsonTokenType.String)
                    {
                        return false;
                    }

                    dataToken = new Range((int)r.TokenStartIndex, (int)r.BytesConsumed);
                    hasData = true;
                }
                else if (r.ValueTextEquals("num"u8))
                {
                    r.Read();
                    if (r.TokenType != JsonTokenType.Number || !r.TryGetInt32(out num))
                    {
                        return false;
                    }
                }
                else if (r.ValueTextEquals("total"u8))
                {
                    r.Read();
                    if (r.TokenType != JsonTokenType.Number || !r.TryGetInt32(out total))
                    {
                        return false;
                    }
                }
                else
                {
                    r.Read();
                    r.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return isFragment && hasId && hasData && num >= 0 && total >= 0;
    }
}
