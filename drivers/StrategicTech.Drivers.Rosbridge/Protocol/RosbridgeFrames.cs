using System.Buffers;
using System.Formats.Cbor;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StrategicTech.Drivers.Rosbridge.Codec;

namespace StrategicTech.Drivers.Rosbridge.Protocol;

/// <summary>Builds outgoing rosbridge operations as JSON text frames (UTF-8) or CBOR binary frames.</summary>
public static class RosbridgeFrames
{
    /// <summary>Writes one JSON object frame; <paramref name="body"/> writes its fields.</summary>
    public static byte[] Json(string op, string? id, Action<Utf8JsonWriter> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("op"u8, op);
            if (id is not null)
            {
                writer.WriteString("id"u8, id);
            }

            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void WriteMessage<T>(Utf8JsonWriter writer, string field, T message, JsonTypeInfo<T> contract)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(field);
        JsonSerializer.Serialize(writer, message, contract);
    }

    public static byte[] Publish<T>(string topic, T message, JsonTypeInfo<T> contract, string? id = null) =>
        Json(RosbridgeOps.Publish, id, w =>
        {
            w.WriteString("topic"u8, topic);
            WriteMessage(w, "msg", message, contract);
        });

    /// <summary>A publish op as CBOR (compression "cbor"): typed arrays as RFC 8746 tags.</summary>
    public static byte[] PublishCbor<T>(string topic, T message)
    {
        var writer = new CborWriter(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false);
        writer.WriteStartMap(3);
        writer.WriteTextString("op");
        writer.WriteTextString(RosbridgeOps.Publish);
        writer.WriteTextString("topic");
        writer.WriteTextString(topic);
        writer.WriteTextString("msg");
        CborMessageWriter.Write(writer, message);
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>
    /// A publish op as rosbridge's <c>cbor-raw</c>: msg is a map of <c>secs</c> and <c>nsecs</c> (the bridge's receipt
    /// time) and <c>bytes</c>, the serialized message as ROS 2 passes it around (encapsulation header + CDR).
    /// </summary>
    public static byte[] PublishCborRaw(string topic, ReadOnlySpan<byte> serialized, long receiptTimeUs)
    {
        var writer = new CborWriter(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false);
        writer.WriteStartMap(3);
        writer.WriteTextString("op");
        writer.WriteTextString(RosbridgeOps.Publish);
        writer.WriteTextString("topic");
        writer.WriteTextString(topic);
        writer.WriteTextString("msg");
        writer.WriteStartMap(3);
        writer.WriteTextString("secs");
        writer.WriteInt64(Math.DivRem(receiptTimeUs, 1_000_000, out long remainderUs));
        writer.WriteTextString("nsecs");
        writer.WriteInt64(remainderUs * 1000);
        writer.WriteTextString("bytes");
        writer.WriteByteString(serialized);
        writer.WriteEndMap();
        writer.WriteEndMap();
        return writer.Encode();
    }

    public static byte[] Advertise(string topic, string type, string? id = null) =>
        Json(RosbridgeOps.Advertise, id, w =>
        {
            w.WriteString("topic"u8, topic);
            w.WriteString("type"u8, type);
        });

    public static byte[] Unadvertise(string topic) => Json(RosbridgeOps.Unadvertise, null, w => w.WriteString("topic"u8, topic));

    public static byte[] Subscribe(string topic, string type, string id, SubscribeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Json(RosbridgeOps.Subscribe, id, w =>
        {
            w.WriteString("topic"u8, topic);
            w.WriteString("type"u8, type);
            w.WriteNumber("throttle_rate"u8, options.ThrottleRateMs);
            w.WriteNumber("queue_length"u8, options.QueueLength);
            if (options.FragmentSize > 0)
            {
                w.WriteNumber("fragment_size"u8, options.FragmentSize);
            }

            w.WriteString("compression"u8, options.Compression);
        });
    }

    public static byte[] Unsubscribe(string topic, string id) => Json(RosbridgeOps.Unsubscribe, id, w => w.WriteString("topic"u8, topic));

    public static byte[] AdvertiseService(string service, string type) =>
        Json(RosbridgeOps.AdvertiseService, null, w =>
        {
            w.WriteString("service"u8, service);
            w.WriteString("type"u8, type);
        });

    public static byte[] CallService<T>(string service, string id, T args, JsonTypeInfo<T> contract, int fragmentSize = 0) =>
        Json(RosbridgeOps.CallService, id, w =>
        {
            w.WriteString("service"u8, service);
            WriteMessage(w, "args", args, contract);
            if (fragmentSize > 0)
            {
                w.WriteNumber("fragment_size"u8, fragmentSize);
            }
        });

    public static byte[] ServiceResponse<T>(string service, string? id, bool result, T values, JsonTypeInfo<T> contract) =>
        Json(RosbridgeOps.ServiceResponse, id, w =>
        {
            w.WriteString("service"u8, service);
            WriteMessage(w, "values", values, contract);
            w.WriteBoolean("result"u8, result);
        });

    /// <summary>A failed service response: rosbridge puts the reason text in <c>values</c>.</summary>
    public static byte[] ServiceFailure(string service, string? id, string reason) =>
        Json(RosbridgeOps.ServiceResponse, id, w =>
        {
            w.WriteString("service"u8, service);
            w.WriteString("values"u8, reason);
            w.WriteBoolean("result"u8, false);
        });

    public static byte[] SendActionGoal<T>(string action, string actionType, string id, T goal, JsonTypeInfo<T> contract, bool feedback) =>
        Json(RosbridgeOps.SendActionGoal, id, w =>
        {
            w.WriteString("action"u8, action);
            w.WriteString("action_type"u8, actionType);
            WriteMessage(w, "args", goal, contract);
            w.WriteBoolean("feedback"u8, feedback);
        });

    public static byte[] CancelActionGoal(string action, string id) => Json(RosbridgeOps.CancelActionGoal, id, w => w.WriteString("action"u8, action));

    public static byte[] ActionFeedback<T>(string action, string id, T values, JsonTypeInfo<T> contract) =>
        Json(RosbridgeOps.ActionFeedback, id, w =>
        {
            w.WriteString("action"u8, action);
            WriteMessage(w, "values", values, contract);
        });

    public static byte[] ActionResult<T>(string action, string id, sbyte status, bool result, T values, JsonTypeInfo<T> contract) =>
        Json(RosbridgeOps.ActionResult, id, w =>
        {
            w.WriteString("action"u8, action);
            WriteMessage(w, "values", values, contract);
            w.WriteNumber("status"u8, status);
            w.WriteBoolean("result"u8, result);
        });

    /// <summary>
    /// Splits a JSON frame into <c>fragment</c> ops of at most <paramref name="fragmentSize"/> characters of the
    /// original text each (the spec's data is a slice of the JSON string). Frames that fit are returned whole.
    /// </summary>
    public static IReadOnlyList<byte[]> Fragment(byte[] jsonFrame, int fragmentSize, string id)
    {
        ArgumentNullException.ThrowIfNull(jsonFrame);
        string text = System.Text.Encoding.UTF8.GetString(jsonFrame);
        if (fragmentSize <= 0 || text.Length <= fragmentSize)
        {
            return [jsonFrame];
        }

        // Cut points never split a surrogate pair, so each slice is valid text on its own.
        var cuts = new List<int> { 0 };
        while (cuts[^1] < text.Length)
        {
            int end = Math.Min(cuts[^1] + fragmentSize, text.Length);
            if (end < text.Length && char.IsHighSurrogate(text[end - 1]) && end - 1 > cuts[^1])
            {
                end--;
            }

            cuts.Add(end);
        }

        int total = cuts.Count - 1;
        var frames = new byte[total][];
        for (int i = 0; i < total; i++)
        {
            string slice = text[cuts[i]..cuts[i + 1]];
            int num = i;
            frames[i] = Json(RosbridgeOps.Fragment, id, w =>
            {
                w.WriteString("data"u8, slice);
                w.WriteNumber("num"u8, num);
                w.WriteNumber("total"u8, total);
            });
        }

        return frames;
    }
}
