using Xunit;

namespace StrategicTech.TestSupport;

/// <summary>
/// A <see cref="TheoryAttribute"/> for a data-driven test that reads the reference data in <c>shared/</c>: skipped
/// like <see cref="SharedDataFactAttribute"/> when the data is absent (and never under <c>CI=true</c>).
/// </summary>
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute()
    {
        if (SharedData.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
