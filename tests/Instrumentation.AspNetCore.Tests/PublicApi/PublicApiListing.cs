using System.Reflection;
using System.Text;

namespace Instrumentation.AspNetCore.Tests.PublicApi;

/// <summary>
/// Lists an assembly's public surface (types and their public or protected members) as sorted lines
/// of text, so a change to the API shows up as a diff of a checked-in file.
/// </summary>
internal static class PublicApiListing
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static string Of(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes())
        {
            lines.Add($"{Kind(type)} {Name(type)}{BaseList(type)}");
            foreach (var member in type.GetMembers(Declared))
            {
                if (Describe(member) is { } line)
                {
                    lines.Add($"{Name(type)}.{line}");
                }
            }
        }

        lines.Sort(StringComparer.Ordinal);
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    private static string? Describe(MemberInfo member) => member switch
    {
        ConstructorInfo c when IsVisible(c) => $".ctor({Parameters(c)})",
        MethodInfo m when IsVisible(m) && !m.IsSpecialName => $"{(m.IsStatic ? "static " : string.Empty)}{Name(m.ReturnType)} {m.Name}{GenericArguments(m)}({Parameters(m)})",
        PropertyInfo p when (p.GetMethod is { } g && IsVisible(g)) || (p.SetMethod is { } s && IsVisible(s)) =>
            $"{(IsStatic(p) ? "static " : string.Empty)}{Name(p.PropertyType)} {p.Name} {{ {Accessors(p)}}}",
        FieldInfo f when f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : string.Empty)}{Name(f.FieldType)} {f.Name}",
        EventInfo e when e.AddMethod is { } a && IsVisible(a) => $"event {Name(e.EventHandlerType!)} {e.Name}",
        _ => null,
    };

    private static bool IsVisible(MethodBase method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    private static bool IsStatic(PropertyInfo property) => (property.GetMethod ?? property.SetMethod)!.IsStatic;

    private static string Accessors(PropertyInfo property)
    {
        var text = string.Empty;
        if (property.GetMethod is { } get && IsVisible(get))
        {
            text += "get; ";
        }

        if (property.SetMethod is { } set && IsVisible(set))
        {
            var initOnly = set.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit");
            text += initOnly ? "init; " : "set; ";
        }

        return text;
    }

    private static string Kind(Type type) =>
        type.IsEnum ? "enum"
        : type.IsInterface ? "interface"
        : type.IsValueType ? "struct"
        : typeof(Delegate).IsAssignableFrom(type) ? "delegate"
        : type.IsAbstract && type.IsSealed ? "static class"
        : type.IsAbstract ? "abstract class"
        : type.IsSealed ? "sealed class"
        : "class";

    private static string BaseList(Type type)
    {
        var bases = new List<string>();
        if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType) && baseType != typeof(Enum))
        {
            bases.Add(Name(baseType));
        }

        foreach (var implemented in type.GetInterfaces().Select(Name).Order(StringComparer.Ordinal))
        {
            bases.Add(implemented);
        }

        return bases.Count == 0 ? string.Empty : " : " + string.Join(", ", bases);
    }

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(p =>
            $"{(p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : string.Empty)}{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : string.Empty)}"));

    private static string GenericArguments(MethodInfo method) =>
        method.IsGenericMethodDefinition ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">" : string.Empty;

    private static string Name(Type type)
    {
        if (type.IsByRef)
        {
            return Name(type.GetElementType()!);
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[]";
        }

        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        var name = type.IsNested ? Name(type.DeclaringType!) + "." + type.Name : type.Namespace + "." + type.Name;
        if (type.IsGenericType)
        {
            name = name[..name.IndexOf('`', StringComparison.Ordinal)] + "<" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ">";
        }

        return name;
    }
}
