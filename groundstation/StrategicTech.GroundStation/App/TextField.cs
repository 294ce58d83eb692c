namespace StrategicTech.GroundStation.App;

/// <summary>A one-line text box's content: typed text appended, Backspace removes the last character, length bounded.</summary>
public sealed class TextField(int maxLength)
{
    private readonly System.Text.StringBuilder _text = new(maxLength);

    public int MaxLength { get; } = maxLength;

    public string Text => _text.ToString();

    public int Length => _text.Length;

    /// <summary>Appends printable characters up to <see cref="MaxLength"/>; control characters are ignored.</summary>
    public void Type(string text)
    {
        foreach (char c in text ?? string.Empty)
        {
            if (!char.IsControl(c) && _text.Length < MaxLength)
            {
                _text.Append(c);
            }
        }
    }

    public void Backspace()
    {
        if (_text.Length > 0)
        {
            _text.Length--;
        }
    }

    public void Set(string text)
    {
        _text.Clear();
        Type(text);
    }

    public void Clear() => _text.Clear();
}
