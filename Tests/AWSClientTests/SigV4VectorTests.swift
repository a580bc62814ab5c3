import Foundation
import Testing
import AWSClient

/// AWS's published SigV4 test suite (header signing; credentials AKIDEXAMPLE, us-east-1,
/// service "service", 2015-08-30T12:36:00Z). Every stage is compared: canonical request,
/// string to sign, Authorization. The signatures are the suite's; paths are given as the
/// suite's request lines have them (`/example space/`, `/ሴ`).
@Suite struct SigV4VectorTests {
    static let date = Date(timeIntervalSince1970: 1_440_938_160)  // 20150830T123600Z
    static let credentials = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")

    struct Vector: CustomTestStringConvertible, Sendable {
        var name: String
        var request: HTTPRequest
        var token: String?
        var canonicalRequest: String
        var stringToSignHash: String
        var signedHeaders: String
        var signature: String

        init(_ name: String, _ method: String, path: String, query: String, headers: [(String, String)], body: String = "",
             token: String? = nil, canonicalRequest: String, stringToSignHash: String, signedHeaders: String, signature: String) {
            self.name = name
            var fields: [(name: String, value: String)] = []
            for (field, value) in headers { fields.append((name: field, value: value)) }
            request = HTTPRequest(method: method, host: "example.amazonaws.com", path: path, query: query, headers: fields, body: Array(body.utf8))
            self.token = token
            self.canonicalRequest = canonicalRequest
            self.stringToSignHash = stringToSignHash
            self.signedHeaders = signedHeaders
            self.signature = signature
        }

        var testDescription: String { name }
    }

    static let vectors: [Vector] = [
        Vector("get-vanilla", "GET", path: "/", query: "",
               headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
               canonicalRequest: """
                   GET
                   /

                   host:example.amazonaws.com
                   x-amz-date:20150830T123600Z

                   host;x-amz-date
                   e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                   """,
               stringToSignHash: "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
               signedHeaders: "host;x-amz-date", signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        Vector("get-vanilla-query-order-key-case", "GET", path: "/", query: "Param2=value2&Param1=value1",
               headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
               canonicalRequest: """
                   GET
                   /
                   Param1=value1&Param2=value2
                   host:example.amazonaws.com
                   x-amz-date:20150830T123600Z

                   host;x-amz-date
                   e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                   """,
               stringToSignHash: "816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0",
               signedHeaders: "host;x-amz-date", signature: "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        Vector("get-vanilla-query-order-encoded", "GET", path: "/", query: "Param-3=Value3&Param=Value2&%E1%88%B4=Value1",
               headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
               canonicalRequest: """
                   GET
                   /
                   %E1%88%B4=Value1&Param=Value2&Param-3=Value3
                   host:example.amazonaws.com
                   x-amz-date:20150830T123600Z

                   host;x-amz-date
                   e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                   """,
               stringToSignHash: "868294f5c38bd141c4972a373a76654f1418a8e4fc18b2e7903ae45e8ae0ec71",
               signedHeaders: "host;x-amz-date", signature: "371d3713e185cc334048618a97f809c9ffe339c62934c032af5a0e595648fcac"),
        Vector("get-vanilla-query-unreserved", "GET", path: "/", query: "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
               headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
               canonicalRequest: """
                   GET
                   /
                   -._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz
                   host:example.amazonaws.com
                   x-amz-date:20150830T123600Z

                   host;x-amz-date
                   e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                   """,
               stringToSignHash: "c30d4703d9f799439be92736156d47ccfb2d879ddf56f5befa6d1d6aab979177",
               signedHeaders: "host;x-amz-date", signature: "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"),
        Vector("get-vanilla-utf8-query", "GET", path: "/", query: "ሴ=bar",
               headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
               canonicalRequest: """
                   GET
                   /
                   %E1%88%B4=bar
                   host:example.amazonaws.com
                   x-amz-date:20150830T123600Z

                   host;x-amz-date
                   e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                   """,
               stringToSignHash: "eb30c5bed55734080471a834cc727ae56beb50e5f39d1bff6d0d38cb192a7073",
               signedHeaders: "host;x-amz-date", signature: "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"),
        Vector("get-vanilla-empty-query-key", "GET", path: "/", query: "Param1=value1",
               headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
               canonicalRequest: """
                   GET
                   /
                   Param1=value1
                   host:example.amazonaws.com
                   x-amz-date:20150830T123600Z

                   host;x-amz-date
                   e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                   """,
               stringToSignHash: "1e24db194ed7d0eec2de28d7369675a243488e08526e8c1c73571282f7c517ab",
               signedHeaders: "host;x-amz-date", signature: "a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb"),
        Vector("get-utf8", "GET", path: "/ሴ", query: "",
               headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
               canonicalRequest: """
                   GET
                   /%E1%88%B4

                   host:example.amazonaws.com
                   x-amz-date:20150830T123600Z

                   host;x-amz-date
                   e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                   """,
               stringToSignHash: "2a0a97d02205e45ce2e994789806b19270cfbbb0921b278ccf58f5249ac42102",
               signedHeaders: "host;x-amz-date", signature: "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"),
        Vector("get-unreserved", "GET", path: "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", query: "",
               headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
               canonicalRequest: """
                   GET
                   /-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz

                   host:example.amazonaws.com
                   x-amz-date:20150830T123600Z

                   host;x-amz-date
                   e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                   """,
               stringToSignHash: "6a968768eefaa713e2a6b16b589a8ea192661f098f37349f4e2c0082757446f9",
               signedHeaders: "host;x-amz-date", signature: "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"),
        Vector("get-space", "GET", path: "/example space/", query: "",
               headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
               canonicalRequest: """
                   GET
                   /example%20space/

                   host:example.amazonaws.com
                   x-amz-date:20150830T123600Z

                   host;x-amz-date
                   e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                   """,
               stringToSignHash: "63ee75631ed7234ae61b5f736dfc7754cdccfedbff4b5128a915706ee9390d86",
               signedHeaders: "host;x-amz-date", signature: "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741"),
        Vector("get-relative-relative", "GET", path: "/example1/example2/../..", query: "",
               headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
               canonicalRequest: """
                   GET
                   /

                   host:example.amazonaws.com
                   x-amz-date:20150830T123600Z

                   host;x-amz-date
                   e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                   """,
               stringToSignHash: "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
               signedHeaders: "host;x-amz-date", signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        Vector("get-slash-pointless-dot", "GET", path: "/./example", query: "",
               headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
               canonicalRequest: """
                   GET
                   /example

                   host:example.amazonaws.com
                   x-amz-date:20150830T123600Z

                   host;x-amz-date
                   e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                   """,
               stringToSignHash: "214d50c111a8edc4819da6a636336472c916b5240f51e9a51b5c3305180cf702",
               signedHeaders: "host;x-amz-date", signature: "ef75d96142cf21edca26f06005da7988e4f8dc83a165a80865db7089db637ec5"),
        Vector("get-slashes", "GET", path: "//example//", query: "",
               headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
               canonicalRequest: """
                   GET
                   /example/

                   host:example.amazonaws.com
                   x-amz-date:20150830T123600Z

                   host;x-amz-date
                   e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                   """,
               stringToSignHash: "cb96b4ac96d501f7c5c15bc6d67b3035061cfced4af6585ad927f7e6c985c015",
               signedHeaders: "host;x-amz-date", signature: "9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84"),
        Vector("get-header-key-duplicate", "GET", path: "/", query: "",
               headers: [("Host", "example.amazonaws.com"), ("My-Header1", "value2"), ("My-Header1", "value2"), ("My-Header1", "value1"), ("X-Amz-Date", "20150830T123600Z")],
               canonicalRequest: """
                   GET
                   /

                   host:example.amazonaws.com
                   my-header1:value2,value2,value1
                   x-amz-date:20150830T123600Z

                   host;my-header1;x-amz-date
                   e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                   """,
               stringToSignHash: "dc7f04a3abfde8d472b0ab1a418b741b7c67174dad1551b4117b15527fbe966c",
               signedHeaders: "host;my-header1;x-amz-date", signature: "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea"),
        Vector("get-header-value-order", "GET", path: "/", query: "",
               headers: [("Host", "example.amazonaws.com"), ("My-Header1", "value4"), ("My-Header1", "value1"), ("My-Header1", "value3"), ("My-Header1", "value2"), ("X-Amz-Date", "20150830T123600Z")],
               canonicalRequest: """
                   GET
                   /

                   host:example.amazonaws.com
                   my-header1:value4,value1,value3,value2
                   x-amz-date:20150830T123600Z

                   host;my-header1;x-amz-date
                   e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                   """,
               stringToSignHash: "31ce73cd3f3d9f66977ad3dd957dc47af14df92fcd8509f59b349e9137c58b86",
               signedHeaders: "host;my-header1;x-amz-date", signature: "08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01"),
        Vector("get-header-value-trim", "GET", path: "/", query: "",
               headers: [("Host", "example.amazonaws.com"), ("My-Header1", " value1"), ("My-Header2", " \"a   b   c\""), ("X-Amz-Date", "20150830T123600Z")],
               canonicalRequest: """
                   GET
                   /

                   host:example.amazonaws.com
                   my-header1:value1
                   my-header2:"a b c"
                   x-amz-date:20150830T123600Z

                   host;my-header1;my-header2;x-amz-date
                   e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                   """,
               stringToSignHash: "a726db9b0df21c14f559d0a978e563112acb1b9e05476f0a6a1c7d68f28605c7",
               signedHeaders: "host;my-header1;my-header2;x-amz-date", signature: "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"),
        Vector("post-vanilla", "POST", path: "/", query: "",
               headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
               canonicalRequest: """
                   POST
                   /

                   host:example.amazonaws.com
                   x-amz-date:20150830T123600Z

                   host;x-amz-date
                   e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                   """,
               stringToSignHash: "553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87",
               signedHeaders: "host;x-amz-date", signature: "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
        Vector("post-header-key-sort", "POST", path: "/", query: "",
               headers: [("Host", "example.amazonaws.com"), ("My-Header1", "value1"), ("X-Amz-Date", "20150830T123600Z")],
               canonicalRequest: """
                   POST
                   /

                   host:example.amazonaws.com
                   my-header1:value1
                   x-amz-date:20150830T123600Z

                   host;my-header1;x-amz-date
                   e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                   """,
               stringToSignHash: "9368318c2967cf6de74404b30c65a91e8f6253e0a8659d6d5319f1a812f87d65",
               signedHeaders: "host;my-header1;x-amz-date", signature: "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c"),
        Vector("post-header-value-case", "POST", path: "/", query: "",
               headers: [("Host", "example.amazonaws.com"), ("My-Header1", "VALUE1"), ("X-Amz-Date", "20150830T123600Z")],
               canonicalRequest: """
                   POST
                   /

                   host:example.amazonaws.com
                   my-header1:VALUE1
                   x-amz-date:20150830T123600Z

                   host;my-header1;x-amz-date
                   e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                   """,
               stringToSignHash: "d51ced243e649e3de6ef63afbbdcbca03131a21a7103a1583706a64618606a93",
               signedHeaders: "host;my-header1;x-amz-date", signature: "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d"),
        Vector("post-vanilla-query", "POST", path: "/", query: "Param1=value1",
               headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
               canonicalRequest: """
                   POST
                   /
                   Param1=value1
                   host:example.amazonaws.com
                   x-amz-date:20150830T123600Z

                   host;x-amz-date
                   e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                   """,
               stringToSignHash: "9d659678c1756bb3113e2ce898845a0a79dbbc57b740555917687f1b3340fbbd",
               signedHeaders: "host;x-amz-date", signature: "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"),
        Vector("post-vanilla-query-nonunreserved", "POST", path: "/", query: "%40%23%24%25%5E=&%2B=%2F%2C%3F%3E%3C%60%22%3B%3A%5C%7C%5D%5B%7B%7D",
               headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
               canonicalRequest: """
                   POST
                   /
                   %2B=%2F%2C%3F%3E%3C%60%22%3B%3A%5C%7C%5D%5B%7B%7D&%40%23%24%25%5E=
                   host:example.amazonaws.com
                   x-amz-date:20150830T123600Z

                   host;x-amz-date
                   e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                   """,
               stringToSignHash: "13c1a9775a543ebd153fdebba799dc0572ea298c6aac14eb1a86998b980c2a34",
               signedHeaders: "host;x-amz-date", signature: "66c82657c86e26fb25238d0e69f011edc4c6df5ae71119d7cb98ed9b87393c1e"),
        Vector("post-x-www-form-urlencoded", "POST", path: "/", query: "",
               headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
               body: "Param1=value1",
               canonicalRequest: """
                   POST
                   /

                   content-type:application/x-www-form-urlencoded
                   host:example.amazonaws.com
                   x-amz-date:20150830T123600Z

                   content-type;host;x-amz-date
                   9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e
                   """,
               stringToSignHash: "42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281",
               signedHeaders: "content-type;host;x-amz-date", signature: "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"),
        Vector("post-x-www-form-urlencoded-parameters", "POST", path: "/", query: "",
               headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf8"), ("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
               body: "Param1=value1",
               canonicalRequest: """
                   POST
                   /

                   content-type:application/x-www-form-urlencoded; charset=utf8
                   host:example.amazonaws.com
                   x-amz-date:20150830T123600Z

                   content-type;host;x-amz-date
                   9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e
                   """,
               stringToSignHash: "2e1cf7ed91881a30569e46552437e4156c823447bf1781b921b5d486c568dd1c",
               signedHeaders: "content-type;host;x-amz-date", signature: "1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe"),
        Vector("post-sts-header-before", "POST", path: "/", query: "",
               headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
               token: "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==",
               canonicalRequest: """
                   POST
                   /

                   host:example.amazonaws.com
                   x-amz-date:20150830T123600Z
                   x-amz-security-token:AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==

                   host;x-amz-date;x-amz-security-token
                   e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                   """,
               stringToSignHash: "c237e1b440d4c63c32ca95b5b99481081cb7b13c7e40434868e71567c1a882f6",
               signedHeaders: "host;x-amz-date;x-amz-security-token", signature: "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead"),
        Vector("get-vanilla-with-session-token", "GET", path: "/", query: "",
               headers: [("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
               token: "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267",
               canonicalRequest: """
                   GET
                   /

                   host:example.amazonaws.com
                   x-amz-date:20150830T123600Z
                   x-amz-security-token:6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267

                   host;x-amz-date;x-amz-security-token
                   e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                   """,
               stringToSignHash: "067b36aa60031588cea4a4cde1f21215227a047690c72247f1d70b32fbbfad2b",
               signedHeaders: "host;x-amz-date;x-amz-security-token", signature: "07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8"),
    ]

    func signer(_ vector: Vector) -> SigV4Signer {
        var credentials = Self.credentials
        credentials.sessionToken = vector.token
        return SigV4Signer(credentials: credentials, region: "us-east-1", service: "service")
    }

    @Test(arguments: vectors) func canonicalRequest(_ vector: Vector) {
        #expect(signer(vector).canonicalRequest(vector.request, at: Self.date) == vector.canonicalRequest)
    }

    @Test(arguments: vectors) func stringToSign(_ vector: Vector) {
        let expected = "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n\(vector.stringToSignHash)"
        #expect(signer(vector).stringToSign(canonicalRequest: vector.canonicalRequest, at: Self.date) == expected)
    }

    @Test(arguments: vectors) func signatureAndAuthorization(_ vector: Vector) throws {
        let signer = signer(vector)
        let stringToSign = signer.stringToSign(canonicalRequest: vector.canonicalRequest, at: Self.date)
        #expect(signer.signature(stringToSign: stringToSign, at: Self.date) == vector.signature)
        let expected = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            + "SignedHeaders=\(vector.signedHeaders), Signature=\(vector.signature)"
        #expect(signer.authorizationHeader(vector.request, at: Self.date) == expected)
        let signed = try signer.signed(vector.request, at: Self.date)
        #expect(signed.header("Authorization") == expected)
        #expect(signed.header("X-Amz-Date") == "20150830T123600Z")
        #expect(signed.header("X-Amz-Security-Token") == vector.token)
        #expect(signed.header("X-Amz-Content-Sha256") == nil)
    }

    /// The spec's example signing key (the "derived-creds" step) for 20150830/us-east-1/iam.
    @Test func signingKey() {
        let signer = SigV4Signer(credentials: Self.credentials, region: "us-east-1", service: "iam")
        #expect(SigV4Canonical.hex(signer.signingKey(at: Self.date)) == "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9")
    }
}
