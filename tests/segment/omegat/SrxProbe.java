// Segments paragraphs with OmegaT's own SRX loading and Segmenter, for tests/segment/test_omegat_srx.py.
//
//   javac -cp OmegaT.jar -d OUT SrxProbe.java
//   java -cp OmegaT.jar:OUT SrxProbe RULES.srx < paragraphs > segments
//
// Written against OmegaT 3.6. The SRX file is read exactly as SRX.getDefault() reads OmegaT's
// bundled defaultRules.srx (SRX.initDefaults): OmegaT's JAXB context unmarshals it into
// gen.core.segmentation.Srx, and every <languagerule> becomes one MapRule whose pattern is the
// languagepattern of the first <languagemap> naming it (".*" if none) and whose Rules compile
// beforebreak/afterbreak with java.util.regex, so a pattern Java rejects fails here as it would in
// OmegaT. A Segmenter given that SRX then breaks each paragraph.
//
// Input, UTF-8, one paragraph a line: ID <tab> LANGUAGE <tab> PARAGRAPH (no tabs or line breaks in
// the paragraph). Output, one JSON object a line, ASCII only:
//   {"id": ID, "rules": N, "segments": [...]}
// where N counts the rules OmegaT applies to LANGUAGE and segments are what Segmenter.segment
// returns (trimmed as OmegaT trims; an empty one is kept). Exit 2 if the file cannot be loaded.

import gen.core.segmentation.Languagemap;
import gen.core.segmentation.Languagerule;
import gen.core.segmentation.Srx;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.bind.JAXBContext;
import org.omegat.core.segmentation.MapRule;
import org.omegat.core.segmentation.Rule;
import org.omegat.core.segmentation.SRX;
import org.omegat.core.segmentation.Segmenter;
import org.omegat.util.Language;

public class SrxProbe extends SRX {
    private static final long serialVersionUID = 1L;

    /** OmegaT's own JAXB context for SRX (a protected field of SRX). */
    static JAXBContext context() {
        return SRX_JAXB_CONTEXT;
    }

    /** The body of SRX.initDefaults(), reading the file at path instead of defaultRules.srx. */
    static SRX load(File path) throws Exception {
        Srx srx = (Srx) context().createUnmarshaller().unmarshal(path);
        List<MapRule> mapRules = new ArrayList<>();
        for (Languagerule languageRule : srx.getBody().getLanguagerules().getLanguagerule()) {
            String name = languageRule.getLanguagerulename();
            String pattern = ".*";
            for (Languagemap map : srx.getBody().getMaprules().getLanguagemap()) {
                if (map.getLanguagerulename().equals(name)) {
                    pattern = map.getLanguagepattern();
                    break;
                }
            }
            List<Rule> rules = new ArrayList<>(languageRule.getRule().size());
            for (gen.core.segmentation.Rule rule : languageRule.getRule()) {
                String where = "languagerule " + name + ", rule " + (rules.size() + 1) + ": ";
                try {
                    rules.add(new Rule("yes".equalsIgnoreCase(rule.getBreak()),
                            rule.getBeforebreak().getContent(), rule.getAfterbreak().getContent()));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(where + e, e);
                }
            }
            mapRules.add(new MapRule(name, pattern, rules));
        }
        SRX result = new SRX();
        result.setMappingRules(mapRules);
        return result;
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, false, "US-ASCII");
        SRX srx;
        try {
            srx = load(new File(args[0]));
        } catch (Exception e) {
            System.err.println("OmegaT cannot load " + args[0] + ": " + e);
            System.exit(2);
            return;
        }
        Segmenter segmenter = new Segmenter();
        segmenter.setSRX(srx);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null;) {
            String[] fields = line.split("\t", 3);
            Language language = new Language(fields[1]);
            List<String> segments = segmenter.segment(language, fields[2], null, null);
            StringBuilder json = new StringBuilder("{\"id\": ").append(quote(fields[0]));
            json.append(", \"rules\": ").append(srx.lookupRulesForLanguage(language).size());
            json.append(", \"segments\": [");
            for (int i = 0; i < segments.size(); i++) {
                json.append(i == 0 ? "" : ", ").append(quote(segments.get(i)));
            }
            out.println(json.append("]}"));
        }
        out.flush();
    }

    static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
