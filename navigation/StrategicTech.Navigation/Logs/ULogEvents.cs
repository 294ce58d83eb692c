namespace StrategicTech.Navigation.Logs;

/// <summary>Decodes PX4 events from a log's <c>event</c> topic; a log without it, or with an unknown layout, yields none and says why.</summary>
public static class ULogEvents
{
    /// <summary>The events of every <c>event</c> instance in time order; <paramref name="problem"/> names what was missing, or is null.</summary>
    public static List<ULogEvent> Read(ULogFile log, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(log);
        var events = new List<ULogEvent>();
        problem = null;
        foreach (ULogTopic topic in log.Topics.Where(t => t.Name == "event"))
        {
            string[] missing = new[] { "id", "event_sequence", "log_levels" }.Where(n => !topic.TryGetField(n, out _)).ToArray();
            if (missing.Length > 0 || !topic.HasTimestamp)
            {
                problem = $"{topic.DisplayName}: missing field {string.Join(", ", missing.Append(topic.HasTimestamp ? null : "timestamp").OfType<string>())}: {topic.SampleCount} events not decoded";
                continue;
            }

            int argumentCount = 0;
            while (topic.TryGetField($"arguments[{argumentCount}]", out _))
            {
                argumentCount++;
            }

            ULogField id = topic.GetField("id"), sequence = topic.GetField("event_sequence"), levels = topic.GetField("log_levels");
            for (int i = 0; i < topic.SampleCount; i++)
            {
                var arguments = new byte[argumentCount];
                for (int a = 0; a < argumentCount; a++)
                {
                    arguments[a] = (byte)topic.GetInt64($"arguments[{a}]", i);
                }

                int level = (int)topic.GetDouble(levels, i);
                events.Add(new ULogEvent(topic.TimestampsUs[i], (uint)topic.GetDouble(id, i), (ushort)topic.GetDouble(sequence, i), (level >> 4) & 0xF, level & 0xF, arguments));
            }
        }

        // Stable: instances keep their order at equal timestamps.
        return [.. events.OrderBy(e => e.TimestampUs)];
    }
}
