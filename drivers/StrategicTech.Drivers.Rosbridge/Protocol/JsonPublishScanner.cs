using System.Text.Json;

namespace StrategicTech.Drivers.Rosbridge.Protocol;

/// <summary>
/// Finds topic and msg of a JSON publish frame with one forward pass of <see cref="Utf8JsonReader"/>, without building
/// a document, so the direct subscription path can decode msg in place. Anything else (another op, an escaped topic,
/// invalid JSON) answers false and is left to the envelope parser, which reports it.
/// </summary>
public static class JsonPublishScanner
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    public static bool TryRead(ReadOnlySpan<byte> frame, out Range topicUtf8, out Range msg)
    {
        topicUtf8 = default;
        msg = default;
        bool isPublish = false, hasTopic = false, hasMsg = false;
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
                    isPublish = r.TokenType == JsonTokenType.String && r.ValueTextEquals("publish"u8);
                    if (!isPublish)
                    {
                        return false; // another op (a fragment, say): no need to read the rest
                    }
                }
                else if (r.ValueTextEquals("topic"u8))
                {
                    r.Read();
                    if (r.TokenType != JsonTokenType.String || r.ValueIsEscaped)
                    {
                        return false;
                    }

                    int start = (int)r.TokenStartIndex + 1; // past the opening quote
                    topicUtf8 = new Range(start, start + r.ValueSpan.Length);
                    hasTopic = true;
                }
                else if (r.ValueTextEquals("msg"u8))
                {
                    r.Read();
                    int start = (int)r.TokenStartIndex;
                    r.Skip();
                    msg = new Range(start, (int)r.BytesConsumed);
                    hasMsg = true;
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

        return isPublish && hasTopic && hasMsg;
    }
}
