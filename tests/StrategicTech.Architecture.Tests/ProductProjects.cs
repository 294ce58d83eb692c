using System.Xml.Linq;
using StrategicTech.TestSupport;

namespace StrategicTech.Architecture.Tests;

/// <summary>One product project found under a layer folder: its layer, name, assembly name and project references.</summary>
public sealed record ProductProject(string Layer, string Name, string AssemblyName, string Path, IReadOnlyList<string> ProjectReferencePaths);

public static class ProductProjects
{
    /// <summary>Every *.csproj under the product layer folders (bin/obj excluded).</summary>
    public static IReadOnlyList<ProductProject> FindAll()
    {
        string root = SharedData.RepositoryRoot;
        var result = new List<ProductProject>();
        foreach (string layer in LayerRules.ProductLayers)
        {
            string dir = System.IO.Path.Combine(root, layer);
            if (!Directory.Exists(dir))
            {
                continue;
            }

            foreach (string csproj in Directory.EnumerateFiles(dir, "*.csproj", SearchOption.AllDirectories))
            {
                if (IsBuildOutput(csproj))
                {
                    continue;
                }

                result.Add(Read(layer, csproj));
            }
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return result;
    }

    /// <summary>The layer (top-level folder) a path lies in, or null when it is outside every product layer (e.g. tests/).</summary>
    public static string? LayerOf(string fullPath)
    {
        string relative = System.IO.Path.GetRelativePath(SharedData.RepositoryRoot, fullPath).Replace('\\', '/');
        string top = relative.Split('/')[0];
        return Array.IndexOf(LayerRules.ProductLayers, top) >= 0 ? top : null;
    }

    private static ProductProject Read(string layer, string csproj)
    {
        XDocument doc = XDocument.Load(csproj);
        string name = System.IO.Path.GetFileNameWithoutExtension(csproj);
        string assemblyName = doc.Descendants("AssemblyName").Select(e => e.Value.Trim()).FirstOrDefault() ?? name;
        string dir = System.IO.Path.GetDirectoryName(csproj)!;
        var references = doc.Descendants("ProjectReference")
            .Select(e => (string?)e.Attribute("Include"))
            .Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(p => System.IO.Path.GetFullPath(System.IO.Path.Combine(dir, p!.Replace('\\', '/'))))
            .ToList();
        return new ProductProject(layer, name, assemblyName, csproj, references);
    }

    private static bool IsBuildOutput(string path)
    {
        string normalized = path.Replace('\\', '/');
        return normalized.Contains("/bin/", StringComparison.Ordinal) || normalized.Contains("/obj/", StringComparison.Ordinal);
    }
}
