using FsCheck.Xunit;

namespace StrategicTech.TestSupport;

/// <summary>
/// An FsCheck <see cref="PropertyAttribute"/> for a property that reads the reference data in <c>shared/</c>: skipped
/// like <see cref="SharedDataFactAttribute"/> when the data is absent (and never under <c>CI=true</c>).
/// </summary>
public sealed class SharedDataPropertyAttribute : PropertyAttribute
{
    public SharedDataPropertyAttribute()
    {
        if (SharedData.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
